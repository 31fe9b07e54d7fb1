package org.memberbus.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The field rules of one object type, and the mapping between each system's field names and
 * values and the canonical ones. The mapping is pure and driven by sync-rules.yaml, so renaming a field in a
 * system is a configuration change.
 */
final class ObjectRules {

    private final String objectType;
    private final Map<String, FieldRule> fields;                 // canonical name -> rule
    private final Map<String, Map<String, FieldRule>> bySystemName; // system -> its name -> rule

    ObjectRules(String objectType, Collection<FieldRule> rules) {
        this.objectType = objectType;
        var fields = new LinkedHashMap<String, FieldRule>();
        var bySystemName = new LinkedHashMap<String, Map<String, FieldRule>>();
        for (var rule : rules) {
            fields.put(rule.field(), rule);
            rule.names().forEach((system, name) ->
                    bySystemName.computeIfAbsent(system, s -> new LinkedHashMap<>()).put(name, rule));
        }
        this.fields = Collections.unmodifiableMap(fields);
        this.bySystemName = Map.copyOf(bySystemName);
    }

    String objectType() {
        return objectType;
    }

    FieldRule field(String canonical) {
        return fields.get(canonical);
    }

    Collection<FieldRule> fields() {
        return fields.values();
    }

    /** A system's record (or changed fields) under canonical names, and which of its fields have no rule. */
    record Canonical(Map<String, Object> values, List<String> unknown) {}

    /**
     * Maps a system's field names to canonical names and its values to canonical values; fields
     * the rules do not know are listed apart.
     */
    Canonical toCanonical(String system, Map<String, ?> systemValues) {
        var names = bySystemName.getOrDefault(system, Map.of());
        var values = new LinkedHashMap<String, Object>();
        var unknown = new ArrayList<String>();
        if (systemValues != null) {
            systemValues.forEach((name, value) -> {
                var rule = names.get(name);
                if (rule == null) {
                    unknown.add(name);
                } else {
                    values.put(rule.field(), rule.toCanonical(system, value));
                }
            });
        }
        return new Canonical(values, unknown);
    }

    /** Maps canonical fields to {@code system}'s names and spelling, leaving out the fields it does not hold. */
    Map<String, Object> fromCanonical(String system, Map<String, ?> canonicalValues) {
        var out = new LinkedHashMap<String, Object>();
        if (canonicalValues != null) {
            canonicalValues.forEach((field, value) -> {
                var rule = fields.get(field);
                if (rule != null && rule.heldBy(system)) {
                    out.put(rule.nameIn(system), rule.fromCanonical(system, value));
                }
            });
        }
        return out;
    }
}
