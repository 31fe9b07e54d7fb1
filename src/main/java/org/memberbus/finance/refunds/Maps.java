package org.memberbus.finance.refunds;

import java.util.List;
import java.util.Map;

/** Reading the JSON maps the routes unmarshal (gateway events, SOQL answers). */
final class Maps {

    private Maps() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The records of a SOQL answer ({@code {"totalSize":..,"records":[..]}}). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> records(Map<String, Object> answer) {
        return answer != null && answer.get("records") instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
