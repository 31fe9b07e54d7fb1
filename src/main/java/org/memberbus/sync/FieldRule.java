package org.memberbus.sync;

import java.util.Map;

/**
 * Who owns one canonical field of an object, what a change by anyone else leads to, the field's
 * name in each system that holds it (a system absent from {@code names} does not hold it), and
 * how a system spells its values where that differs from the canonical spelling ({@code codecs}).
 */
record FieldRule(String objectType, String field, String owner, NonOwnerAction nonOwner, Map<String, String> names,
                 Map<String, ValueCodec> codecs) {

    FieldRule {
        names = Map.copyOf(names);
        codecs = Map.copyOf(codecs);
    }

    /** The field's name in {@code system}, or null when that system does not hold it. */
    String nameIn(String system) {
        return names.get(system);
    }

    boolean heldBy(String system) {
        return names.containsKey(system);
    }

    /** A value as {@code system} holds it, as the canonical value. */
    Object toCanonical(String system, Object systemValue) {
        var codec = codecs.get(system);
        return codec == null ? systemValue : codec.toCanonical(systemValue);
    }

    /** A canonical value, as {@code system} holds it. */
    Object fromCanonical(String system, Object canonicalValue) {
        var codec = codecs.get(system);
        return codec == null ? canonicalValue : codec.fromCanonical(canonicalValue);
    }

    /** How decisions cite the rule (and the metrics tag it): {@code member.status (crm owns; others: correct)}. */
    String label() {
        return objectType + "." + field + " (" + owner + " owns; others: " + nonOwner.code() + ")";
    }
}
