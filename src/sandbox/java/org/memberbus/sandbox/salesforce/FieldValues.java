package org.memberbus.sandbox.salesforce;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a JSON value sent by a client into the value the org stores for that field, with the
 * errors Salesforce gives for a value of the wrong shape. Stored values are what the REST API
 * answers: strings, doubles, booleans, dates as {@code 2026-01-31}, date-times as
 * {@code 2026-01-31T10:00:00.000+0000}.
 */
final class FieldValues {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private FieldValues() {}

    static Object coerce(FieldDef field, Object raw) {
        if (raw == null) {
            return null;
        }
        var t = field.type();
        try {
            Object value = switch (t) {
                case BOOLEAN -> toBoolean(raw);
                case DOUBLE, CURRENCY, PERCENT -> toDouble(raw);
                case DATE -> toDate(raw);
                case DATETIME -> toDateTime(raw);
                default -> toText(raw);
            };
            if (value instanceof String s && s.isEmpty()) {
                return null;   // Salesforce stores an empty text as null
            }
            check(field, value);
            return value;
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new ApiException(400, "JSON_PARSER_ERROR",
                    "Cannot deserialize instance of " + t.describeName() + " from value " + raw
                            + " or request may be missing a required field", List.of(field.name()));
        }
    }

    private static void check(FieldDef field, Object value) {
        if (value instanceof String s) {
            if (field.length() > 0 && s.length() > field.length()) {
                throw new ApiException(400, "STRING_TOO_LONG", field.label() + ": data value too large: "
                        + abbreviate(s) + " (max length=" + field.length() + ")", List.of(field.name()));
            }
            if (field.type() == FieldType.EMAIL && !EMAIL.matcher(s).matches()) {
                throw new ApiException(400, "INVALID_EMAIL_ADDRESS", field.label() + ": invalid email address: "
                        + abbreviate(s), List.of(field.name()));
            }
            if (field.type().isId() && !SalesforceIds.looksLikeId(s)) {
                throw new ApiException(400, "MALFORMED_ID", field.label() + ": id value of incorrect type: "
                        + abbreviate(s), List.of(field.name()));
            }
            if (field.type() == FieldType.PICKLIST && field.restrictedPicklist() && !field.picklist().contains(s)) {
                throw new ApiException(400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", field.label()
                        + ": bad value for restricted picklist field: " + abbreviate(s), List.of(field.name()));
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static Boolean toBoolean(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        var s = raw.toString();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.valueOf(s);
        }
        throw new IllegalArgumentException(s);
    }

    private static Double toDouble(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        var s = raw.toString().trim();
        return s.isEmpty() ? null : new BigDecimal(s).doubleValue();
    }

    private static String toDate(Object raw) {
        var s = raw.toString().trim();
        if (s.isEmpty()) {
            return "";
        }
        if (s.length() > 10 && s.charAt(10) == 'T') {
            return SalesforceTime.parseDateTime(s).atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        }
        return SalesforceTime.parseDate(s).toString();
    }

    private static String toDateTime(Object raw) {
        var s = raw.toString().trim();
        if (s.isEmpty()) {
            return "";
        }
        if (s.length() == 10) {
            return SalesforceTime.rest(SalesforceTime.startOf(SalesforceTime.parseDate(s)));
        }
        return SalesforceTime.rest(SalesforceTime.parseDateTime(s));
    }

    private static String toText(Object raw) {
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof Number || raw instanceof Boolean) {
            return raw.toString();
        }
        throw new IllegalArgumentException(String.valueOf(raw));
    }
}
