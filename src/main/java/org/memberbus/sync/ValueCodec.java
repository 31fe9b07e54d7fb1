package org.memberbus.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one system spells a field's values, against the canonical spelling, which is the system
 * of record's (sync-rules.yaml {@code values} and {@code codec}). Without it, {@code ACTIVE} on
 * the community and {@code Active} in the CRM would look like a change on every sync.
 */
interface ValueCodec {

    /** A value read from the system, as the system of record would spell it. */
    Object toCanonical(Object systemValue);

    /** A canonical value, as the system spells it. */
    Object fromCanonical(Object canonicalValue);

    /** The names {@code codec: { <system>: <name> }} accepts. */
    List<String> NAMES = List.of("json");

    /** The codec called {@code name}, or null when there is none. */
    static ValueCodec named(String name) {
        return "json".equals(name) ? JsonText.INSTANCE : null;
    }

    /**
     * {@code values: { <system>: { <canonical>: <system's>, ... } }}, one-to-one (checked at load).
     * A value not in the map passes through unchanged, so free text still works.
     */
    record ValueMap(Map<String, String> toSystem, Map<String, String> fromSystem) implements ValueCodec {

        public ValueMap { // public: a record in an interface is; ValueCodec itself is package-private
            toSystem = Map.copyOf(toSystem);
            fromSystem = Map.copyOf(fromSystem);
        }

        /** The map canonical value -> system value; the caller checked it is one-to-one. */
        static ValueMap of(Map<String, String> toSystem) {
            var fromSystem = new LinkedHashMap<String, String>();
            toSystem.forEach((canonical, spelled) -> fromSystem.put(spelled, canonical));
            return new ValueMap(toSystem, fromSystem);
        }

        @Override
        public Object toCanonical(Object systemValue) {
            return lookUp(fromSystem, systemValue);
        }

        @Override
        public Object fromCanonical(Object canonicalValue) {
            return lookUp(toSystem, canonicalValue);
        }

        private static Object lookUp(Map<String, String> map, Object value) {
            // an enum from a bean is spelled by its name, like the same value in JSON
            if (value instanceof String || value instanceof Enum<?>) {
                var mapped = map.get((String) Values.plain(value));
                if (mapped != null) {
                    return mapped;
                }
            }
            return value;
        }
    }

    /**
     * {@code json}: the system holds a JSON object or array, the system of record its text. The
     * text is compact with keys sorted, so equal objects give equal text and compare the same.
     */
    enum JsonText implements ValueCodec {
        INSTANCE;

        private static final ObjectWriter WRITER = Values.JSON.writer()
                .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        private static final ObjectReader READER = Values.JSON.readerFor(Object.class)
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

        @Override
        public Object toCanonical(Object systemValue) {
            if (!(systemValue instanceof Map<?, ?> || systemValue instanceof Collection<?>)) {
                return systemValue; // null, or already text
            }
            try {
                return WRITER.writeValueAsString(Values.plain(systemValue));
            } catch (JsonProcessingException e) { // plain JSON types always serialise
                throw new IllegalStateException("cannot write " + systemValue + " as JSON", e);
            }
        }

        @Override
        public Object fromCanonical(Object canonicalValue) {
            if (!(canonicalValue instanceof String text)) {
                return canonicalValue;
            }
            try {
                var parsed = READER.readValue(text);
                return parsed instanceof Map<?, ?> || parsed instanceof List<?> ? parsed : text;
            } catch (JsonProcessingException notJson) {
                // text staff typed that is no JSON object: passed on as it is for the system to
                // refuse, rather than failing the whole merge of the record on every delivery
                return text;
            }
        }
    }
}
