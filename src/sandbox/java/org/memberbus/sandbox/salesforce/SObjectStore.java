package org.memberbus.sandbox.salesforce;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The org's records, in memory. Reads see immutable record snapshots without locking; every
 * write runs in a transaction under one lock, which checks what Salesforce checks (fields,
 * required values, unique external ids, references), can be rolled back as a whole
 * ({@code allOrNone}), and publishes its change events in commit order.
 */
final class SObjectStore {

    /** Who writes, and through which API ("com/salesforce/api/rest/56.0;client=..."). */
    record Context(String userId, String changeOrigin) {}

    record SaveResult(String id, boolean created) {}

    /** The result of one operation of a batch: a value or the error that stopped it. */
    record Outcome<T>(T value, ApiException error) {
        boolean success() {
            return error == null;
        }
    }

    /** Membership__c field -> the Contact field it is rolled up to. */
    private static final Map<String, String> MEMBERSHIP_ROLLUP = orderedMap(
            "Status__c", "Membership_Status__c", "Level__c", "Membership_Level__c",
            "Start_Date__c", "Membership_Start_Date__c", "End_Date__c", "Membership_End_Date__c",
            "Dues__c", "Membership_Dues__c");

    private final OrgSchema schema;
    private final ChangeEventLog changeEvents;
    private final SalesforceIds ids = new SalesforceIds();
    private final Map<String, Map<String, Map<String, Object>>> live = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Map<String, Object>>> recycleBin = new ConcurrentHashMap<>();
    /** "Type.Field" -> lower-case value -> id; external ids are unique and case-insensitive. */
    private final Map<String, Map<String, String>> uniqueValues = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> autoNumbers = new ConcurrentHashMap<>();
    private final AtomicLong commitNumber = new AtomicLong(1_000_000L);
    private final Object writeLock = new Object();

    SObjectStore(OrgSchema schema, ChangeEventLog changeEvents) {
        this.schema = schema;
        this.changeEvents = changeEvents;
        for (ObjectDef type : schema.all()) {
            live.put(type.name(), new ConcurrentHashMap<>());
            recycleBin.put(type.name(), new ConcurrentHashMap<>());
        }
    }

    OrgSchema schema() {
        return schema;
    }

    // ---------------------------------------------------------------- reads

    /** A live record, or NOT_FOUND / ENTITY_IS_DELETED as the REST API answers. */
    Map<String, Object> get(ObjectDef type, String rawId) {
        var id = SalesforceIds.normalize(rawId);
        var record = live.get(type.name()).get(id);
        if (record != null) {
            return record;
        }
        if (recycleBin.get(type.name()).containsKey(id)) {
            throw new ApiException(404, "ENTITY_IS_DELETED", "entity is deleted");
        }
        throw ApiException.notFound();
    }

    Optional<Map<String, Object>> find(String rawId) {
        var id = SalesforceIds.normalize(rawId);
        return schema.byId(id).map(type -> live.get(type.name()).get(id));
    }

    Optional<Map<String, Object>> findByExternalId(ObjectDef type, FieldDef field, String value) {
        if (field.name().equals("Id")) {
            return Optional.ofNullable(live.get(type.name()).get(SalesforceIds.normalize(value)));
        }
        var id = uniqueValues.getOrDefault(key(type, field), Map.of()).get(value.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(id).map(i -> live.get(type.name()).get(i));
    }

    Collection<Map<String, Object>> records(ObjectDef type, boolean includeDeleted) {
        var records = live.get(type.name()).values();
        if (!includeDeleted) {
            return records;
        }
        var all = new ArrayList<>(records);
        all.addAll(recycleBin.get(type.name()).values());
        return all;
    }

    int count(ObjectDef type) {
        return live.get(type.name()).size();
    }

    // ---------------------------------------------------------------- replication (getDeleted, emptyRecycleBin)

    /** When each type's recycle bin was last emptied of a record: getDeleted's earliestDateAvailable. */
    private final Map<String, Instant> lastPurged = new ConcurrentHashMap<>();
    private final Instant created = SalesforceTime.now();

    /** The type's records in the recycle bin (IsDeleted, SystemModstamp the deletion time). */
    Collection<Map<String, Object>> deleted(ObjectDef type) {
        return recycleBin.get(type.name()).values();
    }

    /** The last time a record of the type was physically deleted, or the org's start when none was. */
    Instant earliestDateAvailable(ObjectDef type) {
        return lastPurged.getOrDefault(type.name(), created);
    }

    /**
     * Empties a record from the recycle bin (Database.emptyRecycleBin, or the 15 days passing):
     * queryAll and getDeleted no longer see it, and no change event tells anyone.
     */
    void purge(String rawId) {
        var id = SalesforceIds.normalize(rawId);
        var type = schema.byId(id).orElseThrow(ApiException::notFound);
        synchronized (writeLock) {
            if (recycleBin.get(type.name()).remove(id) == null) {
                throw live.get(type.name()).containsKey(id)
                        ? new ApiException(400, "ENTITY_IS_NOT_DELETED", "entity is not in the recycle bin")
                        : ApiException.notFound();
            }
            lastPurged.put(type.name(), SalesforceTime.now());
        }
    }

    // ---------------------------------------------------------------- writes

    /** Runs one operation in its own transaction; its error is thrown. */
    <T> T write(Context context, Function<Txn, T> operation) {
        var outcome = write(context, true, List.of(operation)).get(0);
        if (!outcome.success()) {
            throw outcome.error();
        }
        return outcome.value();
    }

    /**
     * Runs operations in one transaction. With {@code allOrNone} a failure rolls every
     * operation back and the others report ALL_OR_NONE_OPERATION_ROLLED_BACK; without, each
     * failed operation is undone alone and the rest are kept.
     */
    <T> List<Outcome<T>> write(Context context, boolean allOrNone, List<Function<Txn, T>> operations) {
        synchronized (writeLock) {
            var txn = new Txn(context);
            var outcomes = new ArrayList<Outcome<T>>();
            boolean failed = false;
            for (var operation : operations) {
                int mark = txn.undo.size();
                int eventMark = txn.events.size();
                try {
                    outcomes.add(new Outcome<>(operation.apply(txn), null));
                } catch (ApiException e) {
                    txn.rollbackTo(mark, eventMark);
                    outcomes.add(new Outcome<>(null, e));
                    failed = true;
                }
            }
            if (failed && allOrNone) {
                txn.rollbackTo(0, 0);
                var rolledBack = new ApiException(400, "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                        "Record rolled back because not all records were valid and the request was using AllOrNone header");
                outcomes.replaceAll(o -> o.success() ? new Outcome<>(null, rolledBack) : o);
                return outcomes;
            }
            txn.commit();
            return outcomes;
        }
    }

    /** Puts a record in place without checks or change events: the demo data. */
    void seed(ObjectDef type, Map<String, Object> record) {
        synchronized (writeLock) {
            put(type, (String) record.get("Id"), Collections.unmodifiableMap(new LinkedHashMap<>(record)), null);
            // auto-numbered names go on from the highest seeded one
            if (type.autoNamePrefix() != null && record.get("Name") instanceof String name
                    && name.matches(Pattern.quote(type.autoNamePrefix()) + "-\\d+")) {
                long n = Long.parseLong(name.substring(type.autoNamePrefix().length() + 1));
                autoNumbers.computeIfAbsent(type.name(), k -> new AtomicLong()).accumulateAndGet(n, Math::max);
            }
        }
    }

    private static String key(ObjectDef type, FieldDef field) {
        return type.name() + "." + field.name();
    }

    /** Replaces the live and recycle-bin state of one record, keeping the unique index in step. */
    private void put(ObjectDef type, String id, Map<String, Object> liveRecord, Map<String, Object> deletedRecord) {
        var previous = live.get(type.name()).get(id);
        for (FieldDef field : type.fields()) {
            if (!field.unique()) {
                continue;
            }
            var index = uniqueValues.computeIfAbsent(key(type, field), k -> new ConcurrentHashMap<>());
            if (previous != null && previous.get(field.name()) instanceof String old) {
                index.remove(old.toLowerCase(Locale.ROOT), id);
            }
            if (liveRecord != null && liveRecord.get(field.name()) instanceof String value) {
                index.put(value.toLowerCase(Locale.ROOT), id);
            }
        }
        if (liveRecord == null) {
            live.get(type.name()).remove(id);
        } else {
            live.get(type.name()).put(id, liveRecord);
        }
        if (deletedRecord == null) {
            recycleBin.get(type.name()).remove(id);
        } else {
            recycleBin.get(type.name()).put(id, deletedRecord);
        }
    }

    private record Undo(ObjectDef type, String id, Map<String, Object> live, Map<String, Object> deleted) {}

    private record PendingEvent(ObjectDef type, String id, String changeType, Map<String, Object> record,
                                List<String> changedFields, Instant at) {}

    /** One transaction: the operations of a REST call. Only the store creates it. */
    final class Txn {
        private final Context context;
        private final Instant now = SalesforceTime.now();
        private final Deque<Undo> undo = new ArrayDeque<>();
        private final List<PendingEvent> events = new ArrayList<>();

        private Txn(Context context) {
            this.context = context;
        }

        String create(ObjectDef type, Map<String, Object> input) {
            writableType(type);
            var values = resolveInput(type, input, true);
            var record = new LinkedHashMap<String, Object>();
            var id = ids.next(type.keyPrefix());
            record.put("Id", id);
            record.put("IsDeleted", false);
            for (FieldDef field : type.fields()) {
                if (field.defaultValue() != null) {
                    record.put(field.name(), field.defaultValue());
                }
            }
            if (type.field("OwnerId").isPresent()) {
                record.put("OwnerId", context.userId());
            }
            record.putAll(values);
            if (type.autoNamePrefix() != null && record.get("Name") == null) {
                long n = autoNumbers.computeIfAbsent(type.name(), k -> new AtomicLong()).incrementAndGet();
                record.put("Name", type.autoNamePrefix() + "-" + String.format("%06d", n));
            }
            var stamp = SalesforceTime.rest(now);
            record.put("CreatedDate", stamp);
            record.put("CreatedById", context.userId());
            stampModified(record, stamp);
            save(type, id, record, null);
            events.add(new PendingEvent(type, id, "CREATE", Map.copyOf(nonNull(record)), List.of(), now));
            if (type.name().equals("Membership__c")) {
                rollUpMembership(record);
            }
            return id;
        }

        /** Returns false when nothing changed (no change event then). */
        boolean update(ObjectDef type, String rawId, Map<String, Object> input) {
            writableType(type);
            var existing = get(type, rawId);
            var id = (String) existing.get("Id");
            var values = resolveInput(type, input, false);
            var record = new LinkedHashMap<>(existing);
            var changed = new ArrayList<String>();
            values.forEach((name, value) -> {
                if (!Objects.equals(existing.get(name), value)) {
                    changed.add(name);
                }
                record.put(name, value);
            });
            var stamp = SalesforceTime.rest(now);
            stampModified(record, stamp);
            save(type, id, record, existing);
            if (changed.isEmpty()) {
                return false;
            }
            var changedValues = new LinkedHashMap<String, Object>();
            for (String name : changed) {
                changedValues.put(name, record.get(name));
            }
            changedValues.put("LastModifiedDate", stamp);
            var changedNames = new ArrayList<>(changed);
            changedNames.add("LastModifiedDate");
            events.add(new PendingEvent(type, id, "UPDATE", changedValues, changedNames, now));
            if (type.name().equals("Membership__c") && changed.stream().anyMatch(MEMBERSHIP_ROLLUP::containsKey)) {
                rollUpMembership(record);
            }
            return true;
        }

        SaveResult upsert(ObjectDef type, String fieldName, String value, Map<String, Object> input) {
            var field = type.field(fieldName)
                    .filter(f -> f.externalId() || f.name().equals("Id"))
                    .orElseThrow(() -> new ApiException(404, "NOT_FOUND",
                            "Provided external ID field does not exist or is not accessible: " + fieldName));
            if (value == null || value.isBlank()) {
                throw new ApiException(400, "MISSING_ARGUMENT", field.name() + " not specified");
            }
            var body = new LinkedHashMap<>(input);
            body.keySet().removeIf(k -> k.equalsIgnoreCase(field.name()) && field.name().equals("Id"));
            var existing = findByExternalId(type, field, value);
            if (existing.isPresent()) {
                var id = (String) existing.get().get("Id");
                update(type, id, body);
                return new SaveResult(id, false);
            }
            if (field.name().equals("Id")) {
                throw ApiException.notFound();
            }
            body.keySet().removeIf(k -> k.equalsIgnoreCase(field.name()));
            body.put(field.name(), value);
            return new SaveResult(create(type, body), true);
        }

        void delete(ObjectDef type, String rawId) {
            delete(type, rawId, null);
        }

        /** Deletes a record; {@code masterRecordId} names the winner when it loses a merge. */
        private void delete(ObjectDef type, String rawId, String masterRecordId) {
            writableType(type);
            var existing = get(type, rawId);
            var id = (String) existing.get("Id");
            var deleted = new LinkedHashMap<>(existing);
            deleted.put("IsDeleted", true);
            if (masterRecordId != null) {
                deleted.put("MasterRecordId", masterRecordId);
            }
            stampModified(deleted, SalesforceTime.rest(now));
            undo.push(new Undo(type, id, existing, null));
            put(type, id, null, Collections.unmodifiableMap(deleted));
            events.add(new PendingEvent(type, id, "DELETE", Map.of(), List.of(), now));
        }

        /** Restores a record from the recycle bin (Salesforce's undelete). */
        void undelete(String rawId) {
            var id = SalesforceIds.normalize(rawId);
            var type = schema.byId(id).orElseThrow(ApiException::notFound);
            var deleted = recycleBin.get(type.name()).get(id);
            if (deleted == null) {
                throw live.get(type.name()).containsKey(id)
                        ? new ApiException(400, "UNDELETE_FAILED", "Entity is not in the recycle bin")
                        : ApiException.notFound();
            }
            var record = new LinkedHashMap<>(deleted);
            record.put("IsDeleted", false);
            stampModified(record, SalesforceTime.rest(now));
            checkUnique(type, id, record);
            undo.push(new Undo(type, id, null, deleted));
            put(type, id, Collections.unmodifiableMap(record), null);
            events.add(new PendingEvent(type, id, "UNDELETE", Map.copyOf(nonNull(record)), List.of(), now));
        }

        /**
         * Salesforce's merge (SOAP {@code merge()}, Apex {@code Database.merge}, the UI): the losing
         * records are deleted with {@code MasterRecordId} naming the master, then the master is
         * updated with {@code fields}. Change Data Capture has no merge event: subscribers get a
         * DELETE of each loser and an UPDATE of the master (LastModifiedDate at least).
         */
        void merge(ObjectDef type, String rawMasterId, List<String> losers, Map<String, Object> fields) {
            var master = (String) get(type, rawMasterId).get("Id");
            for (String loser : losers) {
                if (SalesforceIds.normalize(loser).equals(master)) {
                    throw new ApiException(400, "INVALID_ID_FIELD", "the master record cannot be merged into itself");
                }
                delete(type, loser, master);
            }
            if (!update(type, master, fields)) {
                var stamp = SalesforceTime.rest(now);
                events.add(new PendingEvent(type, master, "UPDATE", Map.of("LastModifiedDate", stamp),
                        List.of("LastModifiedDate"), now));
            }
        }

        /**
         * A change made beside the application servers (a data clean-up in the database, an internal
         * error, an event over 1 MB): the records take {@code fields} with no change event, and
         * subscribers get a gap event ({@code GAP_CREATE}, {@code GAP_UPDATE}, {@code GAP_DELETE},
         * {@code GAP_UNDELETE}) that names them and carries no values.
         */
        void gap(ObjectDef type, List<String> rawIds, String changeType, Map<String, Object> fields) {
            int eventMark = events.size();
            for (String rawId : rawIds) {
                var id = (String) get(type, rawId).get("Id");
                if (!fields.isEmpty()) {
                    update(type, id, fields);
                }
                while (events.size() > eventMark) {
                    events.remove(events.size() - 1);
                }
                events.add(new PendingEvent(type, id, changeType, Map.of(), List.of(), now));
                eventMark = events.size();
            }
        }

        /** More changes in one transaction than Salesforce sends events for: one GAP_OVERFLOW event per entity. */
        void overflow(ObjectDef type) {
            events.add(new PendingEvent(type, ChangeEventPayloads.EMPTY_RECORD_ID, "GAP_OVERFLOW", Map.of(), List.of(), now));
        }

        /**
         * The org's automation (a record-triggered flow in a real org): a membership's status,
         * level, period and dues are copied onto its Contact in the same transaction, so the
         * Contact's change events carry membership changes too.
         */
        private void rollUpMembership(Map<String, Object> membership) {
            var values = new LinkedHashMap<String, Object>();
            MEMBERSHIP_ROLLUP.forEach((from, to) -> values.put(to, membership.get(from)));
            update(schema.require("Contact"), (String) membership.get("Contact__c"), values);
        }

        private void writableType(ObjectDef type) {
            if (type.readOnly()) {
                throw new ApiException(400, "INSUFFICIENT_ACCESS_OR_READONLY",
                        "insufficient access rights on object id: " + type.name());
            }
        }

        private void stampModified(Map<String, Object> record, String stamp) {
            record.put("LastModifiedDate", stamp);
            record.put("LastModifiedById", context.userId());
            record.put("SystemModstamp", stamp);
        }

        /** Checks the record as Salesforce does on save, then puts it in place (undoably). */
        private void save(ObjectDef type, String id, Map<String, Object> record, Map<String, Object> previous) {
            if (type.name().equals("Contact") || type.name().equals("User")) {
                var name = (Objects.toString(record.get("FirstName"), "") + " "
                        + Objects.toString(record.get("LastName"), "")).trim();
                record.put("Name", name.isEmpty() ? null : name);
            }
            var missing = new ArrayList<String>();
            for (FieldDef field : type.fields()) {
                if (field.required() && (type.autoNamePrefix() == null || !field.name().equals("Name"))
                        && record.get(field.name()) == null) {
                    missing.add(field.name());
                }
            }
            if (!missing.isEmpty()) {
                throw new ApiException(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing,
                        missing);
            }
            checkUnique(type, id, record);
            undo.push(new Undo(type, id, previous, null));
            put(type, id, Collections.unmodifiableMap(record), null);
        }

        private void checkUnique(ObjectDef type, String id, Map<String, Object> record) {
            for (FieldDef field : type.fields()) {
                if (field.unique() && record.get(field.name()) instanceof String value) {
                    var holder = uniqueValues.getOrDefault(key(type, field), Map.of())
                            .get(value.toLowerCase(Locale.ROOT));
                    if (holder != null && !holder.equals(id)) {
                        throw new ApiException(400, "DUPLICATE_VALUE", "duplicate value found: " + field.name()
                                + " duplicates value on record with id: " + holder);
                    }
                }
            }
        }

        /**
         * Maps the client's JSON fields onto the type's fields: names without regard to case,
         * relationship references by external id ({@code "Contact__r": {"Member_Number__c": "M000001"}}),
         * values coerced and checked, references to existing records of the right type.
         */
        private Map<String, Object> resolveInput(ObjectDef type, Map<String, Object> input, boolean creating) {
            var values = new LinkedHashMap<String, Object>();
            for (var entry : input.entrySet()) {
                var name = entry.getKey();
                if (name.equals("attributes")) {
                    continue;
                }
                var field = type.field(name);
                if (field.isEmpty() && entry.getValue() instanceof Map<?, ?> reference) {
                    var relation = type.relationship(name).orElseThrow(() -> noSuchField(type, name));
                    values.put(relation.name(), resolveReference(relation, reference));
                    continue;
                }
                var def = field.orElseThrow(() -> noSuchField(type, name));
                if (def.name().equals("Id")) {
                    if (creating) {
                        throw new ApiException(400, "INVALID_FIELD_FOR_INSERT_UPDATE",
                                "Unable to create/update fields: Id. Please check the security settings of this field "
                                        + "and verify that it is read/write for your profile or permission set.",
                                List.of("Id"));
                    }
                    continue;   // an update names its record in the URL
                }
                if (creating ? !def.createable() : !def.updateable()) {
                    throw new ApiException(400, "INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                            + def.name() + ". Please check the security settings of this field and verify that it is "
                            + "read/write for your profile or permission set.", List.of(def.name()));
                }
                var value = FieldValues.coerce(def, entry.getValue());
                if (value != null && def.type() == FieldType.REFERENCE) {
                    value = checkReference(def, (String) value);
                }
                values.put(def.name(), value);
            }
            return values;
        }

        private String checkReference(FieldDef field, String rawId) {
            var id = SalesforceIds.normalize(rawId);
            var target = schema.find(field.referenceTo()).orElseThrow();
            if (!id.startsWith(target.keyPrefix()) || !live.get(target.name()).containsKey(id)) {
                throw new ApiException(400, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                        List.of(field.name()));
            }
            return id;
        }

        private String resolveReference(FieldDef relation, Map<?, ?> reference) {
            var target = schema.find(relation.referenceTo()).orElseThrow();
            for (var entry : reference.entrySet()) {
                var name = String.valueOf(entry.getKey());
                if (name.equals("attributes")) {
                    continue;
                }
                var field = target.field(name).filter(f -> f.externalId() || f.name().equals("Id"))
                        .orElseThrow(() -> new ApiException(400, "INVALID_FIELD", "Field " + name
                                + " is not an external id field on " + target.name(), List.of(relation.name())));
                var value = String.valueOf(entry.getValue());
                return findByExternalId(target, field, value).map(r -> (String) r.get("Id"))
                        .orElseThrow(() -> new ApiException(400, "INVALID_FIELD", "Foreign key external ID: " + value
                                + " not found for field " + field.name() + " in entity " + target.name(),
                                List.of(relation.name())));
            }
            throw new ApiException(400, "INVALID_FIELD", "No external id given for " + relation.relationshipName(),
                    List.of(relation.name()));
        }

        private ApiException noSuchField(ObjectDef type, String name) {
            return new ApiException(400, "INVALID_FIELD", "No such column '" + name + "' on sobject of type "
                    + type.name(), List.of());
        }

        private void rollbackTo(int undoMark, int eventMark) {
            while (undo.size() > undoMark) {
                var step = undo.pop();
                put(step.type(), step.id(), step.live(), step.deleted());
            }
            while (events.size() > eventMark) {
                events.remove(events.size() - 1);
            }
        }

        /** Publishes the transaction's change events: one transaction key, numbered in order. */
        private void commit() {
            var transactionKey = UUID.randomUUID().toString();
            long commit = commitNumber.incrementAndGet();
            for (int i = 0; i < events.size(); i++) {
                var event = events.get(i);
                var payload = ChangeEventPayloads.payload(event.type(), event.id(), event.changeType(),
                        event.record(), event.changedFields(), context, transactionKey, i + 1,
                        event.at().toEpochMilli(), commit, i == events.size() - 1);
                changeEvents.publish("/data/" + event.type().changeEventName(),
                        ChangeEventPayloads.schemaId(event.type()), payload);
            }
        }
    }

    private static Map<String, String> orderedMap(String... pairs) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    private static Map<String, Object> nonNull(Map<String, Object> record) {
        var result = new HashMap<String, Object>();
        record.forEach((k, v) -> {
            if (v != null) {
                result.put(k, v);
            }
        });
        return result;
    }
}
