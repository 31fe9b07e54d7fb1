package org.memberbus.sync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * config/sync-rules.yaml, read and checked: the systems, the system of record, and per object the
 * owner, non-owner action, per-system name and per-system spelling of values of every field.
 * Anything the engine could not act on unambiguously is refused here, at start-up, with one line
 * that says where and why.
 */
final class SyncRules {

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Set<String> FIELD_KEYS = Set.of("owner", "non-owner", "values", "codec");

    private final String systemOfRecord;
    private final Map<String, SyncSystem> systems;
    private final Map<String, ObjectRules> objects;

    private SyncRules(String systemOfRecord, Map<String, SyncSystem> systems, Map<String, ObjectRules> objects) {
        this.systemOfRecord = systemOfRecord;
        this.systems = Collections.unmodifiableMap(systems);
        this.objects = Collections.unmodifiableMap(objects);
    }

    /** The system whose word is final: the CRM. */
    String systemOfRecord() {
        return systemOfRecord;
    }

    /** The systems the rules sync, as named in the file. */
    java.util.Set<String> systemNames() {
        return systems.keySet();
    }

    SyncSystem system(String name) {
        var system = systems.get(name);
        if (system == null) {
            throw new IllegalArgumentException("unknown system '" + name + "' (sync rules know: "
                    + String.join(", ", systems.keySet()) + ")");
        }
        return system;
    }

    ObjectRules object(String objectType) {
        var object = objects.get(objectType);
        if (object == null) {
            throw new IllegalArgumentException("unknown object type '" + objectType + "' (sync rules know: "
                    + String.join(", ", objects.keySet()) + ")");
        }
        return object;
    }

    /**
     * Reads the rules from {@code path} on disk or, when there is no such file, from the same path
     * on the classpath (the jar carries config/).
     */
    static SyncRules load(String path) {
        var file = Path.of(path);
        try {
            if (Files.isRegularFile(file)) {
                return parse(Files.readString(file), path);
            }
            var resource = path.startsWith("/") ? path.substring(1) : path;
            try (InputStream in = SyncRules.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new SyncRulesException("Sync rules not found: " + path + " is neither a file nor on the classpath");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource);
            }
        } catch (IOException e) {
            throw new SyncRulesException("Sync rules unreadable: " + path + ": " + e.getMessage(), e);
        }
    }

    /** Parses and checks the rules; {@code source} names them in the error message. */
    static SyncRules parse(String yaml, String source) {
        Object root;
        try {
            var options = new LoaderOptions();
            options.setAllowDuplicateKeys(false); // a field listed twice is a mistake, not "last one wins"
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (DuplicateKeyException e) {
            throw invalid(source, "duplicate " + e.getProblem().replace("found duplicate key ", "key '") + "'"
                    + at(e));
        } catch (MarkedYAMLException e) {
            throw invalid(source, "not valid YAML: " + e.getProblem() + at(e));
        } catch (YAMLException e) {
            throw invalid(source, "not valid YAML: " + e.getMessage());
        }
        return new Reader(source).read(root);
    }

    private static String at(MarkedYAMLException e) {
        return e.getProblemMark() == null ? "" : " (line " + (e.getProblemMark().getLine() + 1) + ")";
    }

    private static SyncRulesException invalid(String source, String problem) {
        return new SyncRulesException("Invalid sync rules in " + source + ": " + problem);
    }

    /** Walks the parsed YAML, checking as it goes; the first problem found stops it. */
    private record Reader(String source) {

        SyncRules read(Object root) {
            var top = map(root, "the file");
            only(top, "the file", Set.of("system-of-record", "systems", "objects"));

            var systems = new LinkedHashMap<String, SyncSystem>();
            var systemsNode = map(required(top, "systems", "the file"), "systems");
            if (systemsNode.isEmpty()) {
                throw problem("systems: none declared");
            }
            systemsNode.forEach((name, node) -> {
                var where = "systems." + name;
                var system = map(node, where);
                only(system, where, Set.of("versions"));
                var code = text(required(system, "versions", where), where + ".versions");
                var order = VersionOrder.ofCode(code);
                if (order == null) {
                    throw problem(where + ".versions: unknown version order '" + code + "' (timestamp, sequence)");
                }
                systems.put(name, new SyncSystem(name, order));
            });

            var systemOfRecord = text(required(top, "system-of-record", "the file"), "system-of-record");
            if (!systems.containsKey(systemOfRecord)) {
                throw problem("system-of-record: unknown system '" + systemOfRecord + "' (" + known(systems) + ")");
            }

            var objects = new LinkedHashMap<String, ObjectRules>();
            var objectsNode = map(required(top, "objects", "the file"), "objects");
            if (objectsNode.isEmpty()) {
                throw problem("objects: none declared");
            }
            objectsNode.forEach((objectType, node) -> {
                var where = "objects." + objectType;
                var object = map(node, where);
                only(object, where, Set.of("fields"));
                var fieldsNode = map(required(object, "fields", where), where + ".fields");
                if (fieldsNode.isEmpty()) {
                    throw problem(where + ".fields: none declared");
                }
                var rules = new ArrayList<FieldRule>();
                var namesTaken = new LinkedHashMap<String, String>(); // "system/name" -> canonical field
                fieldsNode.forEach((field, fieldNode) ->
                        rules.add(field(objectType, field, fieldNode, systems, systemOfRecord, namesTaken)));
                objects.put(objectType, new ObjectRules(objectType, rules));
            });
            return new SyncRules(systemOfRecord, systems, objects);
        }

        private FieldRule field(String objectType, String field, Object node, Map<String, SyncSystem> systems,
                                String systemOfRecord, Map<String, String> namesTaken) {
            var where = "objects." + objectType + ".fields." + field;
            if (!FIELD_NAME.matcher(field).matches()) {
                throw problem(where + ": not a field name");
            }
            var rule = map(node, where);
            var owner = text(required(rule, "owner", where), where + ".owner");
            if (!systems.containsKey(owner)) {
                throw problem(where + ": unknown owner system '" + owner + "' (" + known(systems) + ")");
            }
            var actionCode = text(required(rule, "non-owner", where), where + ".non-owner");
            var action = NonOwnerAction.ofCode(actionCode);
            if (action == null) {
                throw problem(where + ": unknown non-owner action '" + actionCode + "' (correct, propose, reject)");
            }
            if (action == NonOwnerAction.PROPOSE && !owner.equals(systemOfRecord)) {
                throw problem(where + ": 'propose' needs the system of record (" + systemOfRecord
                        + ") as owner, not " + owner);
            }
            var names = new LinkedHashMap<String, String>();
            rule.forEach((key, value) -> {
                if (FIELD_KEYS.contains(key)) {
                    return;
                }
                if (!systems.containsKey(key)) {
                    throw problem(where + ": unknown system '" + key + "' (" + known(systems)
                            + "; or owner, non-owner, values, codec)");
                }
                var name = text(value, where + "." + key);
                var previous = namesTaken.putIfAbsent(key + "/" + name, field);
                if (previous != null) {
                    throw problem(where + ": " + key + " name '" + name + "' is already the name of " + previous);
                }
                names.put(key, name);
            });
            if (!names.containsKey(owner)) {
                throw problem(where + ": the owner " + owner + " has no name for the field");
            }
            var codecs = codecs(where, rule, names, systems.keySet(), systemOfRecord);
            return new FieldRule(objectType, field, owner, action, names, codecs);
        }

        /** {@code values: { <system>: { <canonical>: <system's> } }} and {@code codec: { <system>: <name> }}. */
        private Map<String, ValueCodec> codecs(String where, Map<String, Object> rule, Map<String, String> names,
                                               Set<String> systems, String systemOfRecord) {
            var codecs = new LinkedHashMap<String, ValueCodec>();
            if (rule.containsKey("values")) {
                map(rule.get("values"), where + ".values").forEach((system, node) -> {
                    var at = where + ".values." + system;
                    spelledBy(at, system, names, systems, systemOfRecord);
                    codecs.put(system, ValueCodec.ValueMap.of(valueMap(at, system, map(node, at))));
                });
            }
            if (rule.containsKey("codec")) {
                map(rule.get("codec"), where + ".codec").forEach((system, node) -> {
                    var at = where + ".codec." + system;
                    spelledBy(at, system, names, systems, systemOfRecord);
                    if (codecs.containsKey(system)) {
                        throw problem(at + ": " + system + " has values too; give it one or the other");
                    }
                    var name = text(node, at);
                    var codec = ValueCodec.named(name);
                    if (codec == null) {
                        throw problem(at + ": unknown codec '" + name + "' ("
                                + String.join(", ", ValueCodec.NAMES) + ")");
                    }
                    codecs.put(system, codec);
                });
            }
            return codecs;
        }

        /** Only a system that holds the field can spell it, and the system of record's spelling is canonical. */
        private void spelledBy(String at, String system, Map<String, String> names, Set<String> systems,
                               String systemOfRecord) {
            if (!systems.contains(system)) {
                throw problem(at + ": unknown system '" + system + "' (systems: " + String.join(", ", systems) + ")");
            }
            if (system.equals(systemOfRecord)) {
                throw problem(at + ": " + system + " is the system of record: its values are the canonical ones");
            }
            if (!names.containsKey(system)) {
                throw problem(at + ": " + system + " does not hold the field (it has no name for it)");
            }
        }

        /** Canonical value -> the system's; one-to-one, or a value read back could mean two things. */
        private Map<String, String> valueMap(String at, String system, Map<String, Object> node) {
            var toSystem = new LinkedHashMap<String, String>();
            var canonicalOf = new LinkedHashMap<String, String>();
            node.forEach((canonical, value) -> {
                if (!(value instanceof String spelled)) {
                    throw problem(at + ": the value for '" + canonical + "' is not text: " + value + " (quote it)");
                }
                var previous = canonicalOf.putIfAbsent(spelled, canonical);
                if (previous != null) {
                    throw problem(at + ": not one-to-one: '" + previous + "' and '" + canonical + "' both map to "
                            + system + " value '" + spelled + "'");
                }
                toSystem.put(canonical, spelled);
            });
            return toSystem;
        }

        private SyncRulesException problem(String text) {
            return invalid(source, text);
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> map(Object node, String where) {
            if (!(node instanceof Map<?, ?> map)) {
                throw problem(where + ": expected a mapping");
            }
            for (var key : map.keySet()) {
                if (!(key instanceof String)) {
                    // YAML reads yes, no, on, off, true, numbers as such: they need quotes
                    throw problem(where + ": key " + key + " is not text (quote it)");
                }
            }
            return (Map<String, Object>) map;
        }

        private Object required(Map<String, Object> map, String key, String where) {
            var value = map.get(key);
            if (value == null) {
                throw problem(where + ": '" + key + "' is missing");
            }
            return value;
        }

        private String text(Object node, String where) {
            if (!(node instanceof String text) || text.isBlank()) {
                throw problem(where + ": expected a name");
            }
            return text.trim();
        }

        private void only(Map<String, Object> map, String where, Set<String> allowed) {
            for (var key : map.keySet()) {
                if (!allowed.contains(key)) {
                    throw problem(where + ": unknown key '" + key + "' (" + String.join(", ", new TreeSet<>(allowed)) + ")");
                }
            }
        }

        private static String known(Map<String, SyncSystem> systems) {
            return "systems: " + String.join(", ", systems.keySet());
        }
    }
}
