package org.memberbus.sandbox.salesforce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code payload} of a change event as the Streaming API (CometD) delivers it: the
 * ChangeEventHeader, then for CREATE and UNDELETE every non-empty field, for UPDATE only the
 * changed fields and LastModifiedDate, for DELETE nothing. Compound fields are nested
 * ({@code "Name": {"LastName": ...}}) and listed as {@code Name.LastName} in changedFields;
 * date-times are written {@code 2026-11-23T10:00:00Z}.
 */
final class ChangeEventPayloads {

    /** Fields the record carries that change events leave out. */
    private static final List<String> NOT_IN_EVENTS = List.of("Id", "IsDeleted", "SystemModstamp");

    private ChangeEventPayloads() {}

    static Map<String, Object> payload(ObjectDef type, String id, String changeType, Map<String, Object> values,
                                       List<String> changedFields, SObjectStore.Context context,
                                       String transactionKey, int sequenceNumber, long commitTimestamp,
                                       long commitNumber, boolean transactionEnd) {
        var header = new LinkedHashMap<String, Object>();
        header.put("entityName", type.name());
        header.put("recordIds", List.of(id));
        header.put("changeType", changeType);
        header.put("changeOrigin", context.changeOrigin());
        header.put("transactionKey", transactionKey);
        header.put("sequenceNumber", sequenceNumber);
        header.put("commitTimestamp", commitTimestamp);
        header.put("commitNumber", commitNumber);
        header.put("commitUser", context.userId());
        var changed = new ArrayList<String>();
        var nulled = new ArrayList<String>();
        for (String name : changedFields) {
            var eventName = type.compound(name).map(c -> c.compound() + "." + c.component()).orElse(name);
            changed.add(eventName);
            if (values.containsKey(name) && values.get(name) == null) {
                nulled.add(eventName);
            }
        }
        header.put("changedFields", changed);
        header.put("nulledFields", nulled);
        header.put("diffFields", List.of());
        header.put("isTransactionEnd", transactionEnd);

        var payload = new LinkedHashMap<String, Object>();
        payload.put("ChangeEventHeader", header);
        boolean update = changeType.equals("UPDATE");
        for (FieldDef field : type.fields()) {
            var name = field.name();
            if (NOT_IN_EVENTS.contains(name) || !values.containsKey(name)
                    || (name.equals("Name") && !field.writable() && type.compound("LastName").isPresent())) {
                continue;
            }
            var value = eventValue(field, values.get(name));
            if (value == null && !update) {
                continue;
            }
            var compound = type.compound(name);
            if (compound.isPresent()) {
                @SuppressWarnings("unchecked")
                var nested = (Map<String, Object>) payload.computeIfAbsent(compound.get().compound(),
                        k -> new LinkedHashMap<String, Object>());
                nested.put(compound.get().component(), value);
            } else {
                payload.put(name, value);
            }
        }
        return payload;
    }

    private static Object eventValue(FieldDef field, Object value) {
        if (value instanceof String s && field.type() == FieldType.DATETIME) {
            return SalesforceTime.event(SalesforceTime.parseDateTime(s));
        }
        return value;
    }

    /** A stable schema id per entity, shaped like Salesforce's (22 URL-safe characters). */
    static String schemaId(ObjectDef type) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(type.changeEventName().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
