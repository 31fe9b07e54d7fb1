package org.memberbus.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Field values as the merge sees them: whatever the systems send (JSON strings, numbers,
 * booleans, objects, lists; or Java dates and enums from a bean), compared by meaning, so
 * {@code 150} and {@code 150.00}, or a LocalDate and its ISO text, are the same value.
 */
public final class Values {

    static final ObjectMapper JSON = new ObjectMapper();

    // equals() needs a non-null stand-in for null
    private static final Object NULL = new Object();

    private Values() {}

    /** True when the two values mean the same. */
    public static boolean same(Object a, Object b) {
        return comparable(a).equals(comparable(b));
    }

    /** The value in plain JSON types, as it is stored in the ledger's agreed values. */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Map<?, ?> map) {
            var out = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            var out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        return value.toString(); // dates, times and the like: their ISO text
    }

    /** The value as text for the decision log: strings as they are, anything else as JSON. */
    public static String text(Object value) {
        var plain = plain(value);
        if (plain == null || plain instanceof String) {
            return (String) plain;
        }
        try {
            return JSON.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            return plain.toString();
        }
    }

    private static Object comparable(Object value) {
        var plain = plain(value);
        if (plain instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).stripTrailingZeros();
            } catch (NumberFormatException notFinite) { // NaN, Infinity
                return n.toString();
            }
        }
        if (plain instanceof Map<?, ?> map) {
            var out = new TreeMap<String, Object>();
            map.forEach((k, v) -> out.put((String) k, comparable(v)));
            return out;
        }
        if (plain instanceof Collection<?> list) {
            return list.stream().map(Values::comparable).toList();
        }
        return plain == null ? NULL : plain;
    }
}
