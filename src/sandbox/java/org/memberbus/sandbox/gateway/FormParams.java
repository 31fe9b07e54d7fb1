package org.memberbus.sandbox.gateway;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A request's parameters in Stripe's form encoding, as a tree: {@code metadata[crm_contact_id]=x}
 * becomes a map under {@code metadata}; {@code items[0][price]=p} and {@code enabled_events[]=e}
 * become lists. Accessors raise Stripe's own parameter errors, naming the full parameter path.
 */
final class FormParams {

    private final String path;
    private final Map<String, Object> values;

    private FormParams(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    static FormParams of(HttpServletRequest request) {
        return parse(request.getParameterMap());
    }

    static FormParams parse(Map<String, String[]> raw) {
        var root = new LinkedHashMap<String, Object>();
        for (var entry : raw.entrySet()) {
            for (String value : entry.getValue()) {
                put(root, segments(entry.getKey()), value);
            }
        }
        @SuppressWarnings("unchecked")
        var tree = (Map<String, Object>) normalize(root);
        return new FormParams("", tree);
    }

    /** {@code items[0][price]} → [items, 0, price]; {@code events[]} → [events, ""]. */
    private static List<String> segments(String key) {
        var segments = new ArrayList<String>();
        int open = key.indexOf('[');
        if (open < 0) {
            segments.add(key);
            return segments;
        }
        segments.add(key.substring(0, open));
        while (open >= 0 && open < key.length()) {
            int close = key.indexOf(']', open);
            if (close < 0) {
                throw StripeException.invalidRequest("Invalid parameter name: " + key);
            }
            segments.add(key.substring(open + 1, close));
            open = key.indexOf('[', close);
        }
        return segments;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> node, List<String> segments, String value) {
        var current = node;
        for (int i = 0; i < segments.size(); i++) {
            // "[]" appends: it takes the next free index of the list it names
            String segment = segments.get(i).isEmpty() ? String.valueOf(current.size()) : segments.get(i);
            if (i == segments.size() - 1) {
                current.put(segment, value);
            } else {
                Object child = current.get(segment);
                if (!(child instanceof Map)) {
                    child = new LinkedHashMap<String, Object>();
                    current.put(segment, child);
                }
                current = (Map<String, Object>) child;
            }
        }
    }

    /** Maps whose keys are all indexes become lists, in index order. */
    @SuppressWarnings("unchecked")
    private static Object normalize(Object node) {
        if (!(node instanceof Map<?, ?> map)) {
            return node;
        }
        var children = (Map<String, Object>) map;
        boolean indexed = !children.isEmpty() && children.keySet().stream().allMatch(k -> k.matches("\\d{1,6}"));
        if (indexed) {
            var sorted = new TreeMap<Integer, Object>();
            children.forEach((k, v) -> sorted.put(Integer.parseInt(k), normalize(v)));
            return new ArrayList<>(sorted.values());
        }
        var result = new LinkedHashMap<String, Object>();
        children.forEach((k, v) -> result.put(k, normalize(v)));
        return result;
    }

    private String name(String key) {
        return path.isEmpty() ? key : path + "[" + key + "]";
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    boolean isHash(String key) {
        return values.get(key) instanceof Map;
    }

    /** Refuses any parameter not listed, as Stripe does ({@code expand} is always accepted). */
    FormParams allowOnly(String... keys) {
        var allowed = Set.of(keys);
        for (String key : values.keySet()) {
            if (!allowed.contains(key) && !key.equals("expand")) {
                throw StripeException.parameterUnknown(name(key));
            }
        }
        return this;
    }

    String string(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw StripeException.invalidRequest("parameter_invalid_string", name(key),
                    "Invalid string: " + name(key) + " must be a string");
        }
        return s.isEmpty() ? null : s;
    }

    String required(String key) {
        String value = string(key);
        if (value == null) {
            throw StripeException.parameterMissing(name(key));
        }
        return value;
    }

    Long integer(String key) {
        String value = string(key);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw StripeException.invalidInteger(name(key), value);
        }
    }

    long requiredInteger(String key) {
        Long value = integer(key);
        if (value == null) {
            throw StripeException.parameterMissing(name(key));
        }
        return value;
    }

    Boolean bool(String key) {
        String value = string(key);
        if (value == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw StripeException.invalidRequest("parameter_invalid_boolean", name(key),
                    "Invalid boolean: " + value);
        }
        return Boolean.valueOf(value);
    }

    boolean flag(String key) {
        return Boolean.TRUE.equals(bool(key));
    }

    /** A nested hash, or null when absent. */
    @SuppressWarnings("unchecked")
    FormParams hash(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map)) {
            throw StripeException.invalidRequest("parameter_invalid_object", name(key),
                    "Invalid object: " + name(key) + " must be a hash");
        }
        return new FormParams(name(key), (Map<String, Object>) value);
    }

    /** A list of hashes ({@code items[0][price]}). */
    @SuppressWarnings("unchecked")
    List<FormParams> hashes(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw StripeException.invalidRequest("parameter_invalid_array", name(key),
                    "Invalid array: " + name(key) + " must be an array");
        }
        var result = new ArrayList<FormParams>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map)) {
                throw StripeException.invalidRequest("parameter_invalid_object", name(key) + "[" + i + "]",
                        "Invalid object: " + name(key) + "[" + i + "] must be a hash");
            }
            result.add(new FormParams(name(key) + "[" + i + "]", (Map<String, Object>) list.get(i)));
        }
        return result;
    }

    /** A list of strings ({@code enabled_events[]=a}); a lone string counts as a list of one. */
    List<String> strings(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s.isEmpty() ? List.of() : List.of(s);
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw StripeException.invalidRequest("parameter_invalid_array", name(key),
                    "Invalid array: " + name(key) + " must be an array of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    /**
     * Stripe's metadata update: keys are set, a key set to "" is removed, and {@code metadata=""}
     * clears all. Without a {@code metadata} parameter the current metadata stays.
     */
    Map<String, String> metadata(Map<String, String> current) {
        Object value = values.get("metadata");
        if (value == null) {
            return current;
        }
        if (value instanceof String s) {
            if (s.isEmpty()) {
                return Map.of();
            }
            throw StripeException.invalidRequest("parameter_invalid_object", name("metadata"),
                    "Invalid object: metadata must be a hash");
        }
        var merged = new LinkedHashMap<>(current);
        for (var entry : hash("metadata").values.entrySet()) {
            if (!(entry.getValue() instanceof String v)) {
                throw StripeException.invalidRequest("parameter_invalid_string", name("metadata") + "[" + entry.getKey() + "]",
                        "Metadata values must be strings");
            }
            if (entry.getKey().length() > 40 || v.length() > 500) {
                throw StripeException.invalidRequest("parameter_invalid_string", name("metadata") + "[" + entry.getKey() + "]",
                        "Metadata keys are limited to 40 characters and values to 500");
            }
            if (v.isEmpty()) {
                merged.remove(entry.getKey());
            } else {
                merged.put(entry.getKey(), v);
            }
        }
        if (merged.size() > 50) {
            throw StripeException.invalidRequest("parameter_invalid_object", name("metadata"),
                    "An object can hold at most 50 metadata keys");
        }
        return Collections.unmodifiableMap(merged);
    }
}
