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
 * changed fields and LastModifiedDate, for DELETE nothing, for a gap event every field null. Compound fields are nested
 * ({@code "Name": {"LastName": ...}}) and listed as {@code Name.LastName} in changedFields;
 * date-times are written {@code 2026-11-23T10:00:00Z}.
 */
final class ChangeEventPayloads {

    /** Fields the record carries that change events leave out. */
    private static final List<String> NOT_IN_EVENTS = List.of("Id", "IsDeleted", "SystemModstamp");

    /** The record id of an overflow event: Salesforce's empty id, naming no record. */
    static final String EMPTY_RECORD_ID = "000000000000000AAA";

    private ChangeEventPayloads() {}

    static Map<String, Object> payload(ObjectDef type, String id, String changeType, Map<String, Object> values,
                                       List<String> changedFields, SObjectStore.Context context,
                                       String transactionKey, int sequenceNumber, long commitTimestamp,
                                       long commitNumber, boolean transactionEnd) {
        var header = new LinkedHashMap<String, Object>();
        header.put("entityName", type.name());
        header.put("recordIds", List.of(id));
        header.put("changeType", changeType);
        boolean gap = changeType.startsWith("GAP_");
        // a gap event comes from outside the application servers: no origin
        header.put("changeOrigin", gap ? "" : context.changeOrigin());
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
        if (gap) {
            // a gap event lists the entity's fields, every one null: it says which records, not what
            for (FieldDef field : type.fields()) {
                if (!NOT_IN_EVENTS.contains(field.name()) && !field.name().equals("Name")) {
                    var compound = type.compound(field.name());
                    if (compound.isPresent()) {
                        payload.putIfAbsent(compound.get().compound(), null);
                    } else {
                        payload.put(field.name(), null);
                    }
                }
            }
            return payload;
        }
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
