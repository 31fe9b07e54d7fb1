package org.memberbus.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sync ledger in PostgreSQL (V1's sync_record, sync_record_system, sync_decision): per record
 * the last agreed values, per system its id and the last version seen, and every decision.
 *
 * <p>A merge reads its base and records its outcome in one transaction, holding the record's row
 * lock throughout, so two merges of one member (say a CRM event and a community webhook on
 * different consumers) run one after the other against each other's result, and a crash leaves
 * either the whole merge recorded or none of it.
 */
@Component
public class SyncLedger {

    private static final int MAX_PAGE_SIZE = 500;
    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public SyncLedger(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        // its own manager over the same DataSource: joins a surrounding JDBC transaction on it, if any
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    // ---- the write side, for the engine -------------------------------------------------------

    /**
     * Runs {@code work} on the record's state inside one transaction holding the record's row
     * lock; the record is created (empty) when the ledger does not have it yet.
     */
    <T> T withRecord(String objectType, String recordId, Function<RecordState, T> work) {
        return transaction.execute(tx -> work.apply(lock(objectType, recordId)));
    }

    /**
     * Reads the record's base under its lock, merges, and records the outcome: all in one
     * transaction. {@code externalId} is the changing system's id for the record (null: keep).
     */
    MergeOutcome merge(String objectType, String recordId, String externalId,
                       Function<RecordState, MergeOutcome> merge) {
        return withRecord(objectType, recordId, state -> {
            var outcome = merge.apply(state);
            record(outcome, externalId);
            return outcome;
        });
    }

    /**
     * Records a merge's outcome in one transaction: the agreed values, the system's last version
     * (unless the change was stale) and external id, and the decisions (all but the unchanged; none
     * for a redelivery, logged the first time).
     */
    void record(MergeOutcome outcome, String externalId) {
        transaction.executeWithoutResult(tx -> {
            writeAgreed(outcome.objectType(), outcome.recordId(), outcome.agreed());
            writeSystem(outcome.objectType(), outcome.recordId(), outcome.system(), externalId,
                    outcome.stale() ? null : outcome.version());
            var rows = outcome.loggedDecisions().stream().map(this::decisionParameters)
                    .toArray(SqlParameterSource[]::new);
            // decided_at is when it was decided under the lock, not when the transaction began (now()),
            // so the log's newest-first order is the order merges of a record were decided in
            jdbc.batchUpdate("""
                    INSERT INTO sync_decision (object_type, record_id, field, system, version, old_value,
                                               new_value, base_value, decision, rule, reason, decided_at)
                    VALUES (:objectType, :recordId, :field, :system, :version, :oldValue, :newValue, :baseValue,
                            :decision, :rule, :reason, clock_timestamp())""", rows);
        });
    }

    /** Replaces the record's agreed values; agreed_at moves only when they changed. */
    void writeAgreed(String objectType, String recordId, Map<String, Object> agreed) {
        jdbc.update("""
                UPDATE sync_record SET agreed_values = CAST(:agreed AS jsonb), agreed_at = now()
                 WHERE object_type = :objectType AND record_id = :recordId
                   AND agreed_values IS DISTINCT FROM CAST(:agreed AS jsonb)""",
                new MapSqlParameterSource("objectType", objectType).addValue("recordId", recordId)
                        .addValue("agreed", toJson(agreed)));
    }

    /**
     * Notes that {@code system} was seen for the record: its external id and last version (each
     * kept as it was when null). The caller has made sure the version is the newer one.
     */
    void writeSystem(String objectType, String recordId, String system, String externalId, String version) {
        try {
            jdbc.update("""
                    INSERT INTO sync_record_system (object_type, record_id, system, external_id, last_version)
                    VALUES (:objectType, :recordId, :system, :externalId, :version)
                    ON CONFLICT (object_type, record_id, system) DO UPDATE SET
                        external_id  = COALESCE(EXCLUDED.external_id, sync_record_system.external_id),
                        last_version = COALESCE(EXCLUDED.last_version, sync_record_system.last_version),
                        last_seen_at = now()""",
                    new MapSqlParameterSource("objectType", objectType).addValue("recordId", recordId)
                            .addValue("system", system).addValue("externalId", externalId)
                            .addValue("version", version));
        } catch (DuplicateKeyException e) {
            // (the transaction is aborted now, so the other record cannot be looked up here)
            throw new IllegalStateException(system + " id " + externalId + " cannot be linked to " + objectType + " "
                    + recordId + ": it is already linked to another record", e);
        }
    }

    /** The fields {@code system}'s change of this version was decided on (stale ones aside). */
    Set<String> fieldsDecidedAt(String objectType, String recordId, String system, String version) {
        return new HashSet<>(jdbc.queryForList("""
                        SELECT DISTINCT field FROM sync_decision
                         WHERE object_type = :objectType AND record_id = :recordId AND system = :system
                           AND version = :version AND decision <> 'stale'""",
                key(objectType, recordId).addValue("system", system).addValue("version", version), String.class));
    }

    /**
     * Creates, in one statement, the entries of records the ledger does not have yet: each with
     * its agreed values (canonical), its own id under {@code ownSystem} and its id in {@code system}.
     * A record the ledger has already, or whose id in {@code system} is linked to another record,
     * is left out. Answers the records created.
     */
    Set<String> createLinked(String objectType, String ownSystem, String system, Map<String, String> externalIds,
                             Map<String, Map<String, Object>> agreed) {
        var recordIds = externalIds.keySet().toArray(String[]::new);
        var ids = new String[recordIds.length];
        var values = new String[recordIds.length];
        for (int i = 0; i < recordIds.length; i++) {
            ids[i] = externalIds.get(recordIds[i]);
            values[i] = toJson(agreed.getOrDefault(recordIds[i], Map.of()));
        }
        // (the foreign keys of the systems' rows are checked at the statement's end, when their records exist)
        return new HashSet<>(jdbc.queryForList("""
                WITH input AS (
                    SELECT * FROM unnest(CAST(:recordIds AS text[]), CAST(:externalIds AS text[]), CAST(:agreed AS text[]))
                        AS t(record_id, external_id, agreed)),
                free AS (
                    SELECT i.* FROM input i
                     WHERE NOT EXISTS (SELECT 1 FROM sync_record r
                                        WHERE r.object_type = :objectType AND r.record_id = i.record_id)
                       AND NOT EXISTS (SELECT 1 FROM sync_record_system s
                                        WHERE s.system = :system AND s.object_type = :objectType
                                          AND s.external_id = i.external_id)),
                records AS (
                    INSERT INTO sync_record (object_type, record_id, agreed_values)
                    SELECT :objectType, record_id, CAST(agreed AS jsonb) FROM free
                    ON CONFLICT DO NOTHING RETURNING record_id),
                own AS (
                    INSERT INTO sync_record_system (object_type, record_id, system, external_id)
                    SELECT :objectType, record_id, :ownSystem, record_id FROM records
                    ON CONFLICT DO NOTHING)
                INSERT INTO sync_record_system (object_type, record_id, system, external_id)
                SELECT :objectType, f.record_id, :system, f.external_id FROM free f JOIN records USING (record_id)
                ON CONFLICT DO NOTHING RETURNING record_id""",
                new MapSqlParameterSource("objectType", objectType).addValue("ownSystem", ownSystem)
                        .addValue("system", system).addValue("recordIds", recordIds).addValue("externalIds", ids)
                        .addValue("agreed", values), String.class));
    }

    /** Links a record to its ids in the systems (system → external id), creating it if new. */
    public void link(String objectType, String recordId, Map<String, String> externalIds) {
        transaction.executeWithoutResult(tx -> {
            ensure(objectType, recordId);
            externalIds.forEach((system, externalId) -> writeSystem(objectType, recordId, system, externalId, null));
        });
    }

    /** The record (its CRM id) that {@code system} knows as {@code externalId}. */
    public Optional<String> recordIdOf(String objectType, String system, String externalId) {
        return jdbc.queryForList("""
                        SELECT record_id FROM sync_record_system
                         WHERE system = :system AND object_type = :objectType AND external_id = :externalId""",
                new MapSqlParameterSource("system", system).addValue("objectType", objectType)
                        .addValue("externalId", externalId), String.class).stream().findFirst();
    }

    /** The record's base and systems, without locking (for reading only). */
    Optional<RecordState> read(String objectType, String recordId) {
        var agreed = jdbc.queryForList("""
                        SELECT agreed_values::text FROM sync_record
                         WHERE object_type = :objectType AND record_id = :recordId""",
                key(objectType, recordId), String.class);
        return agreed.isEmpty() ? Optional.empty()
                : Optional.of(new RecordState(objectType, recordId, fromJson(agreed.get(0)), systems(objectType, recordId)));
    }

    private RecordState lock(String objectType, String recordId) {
        ensure(objectType, recordId);
        var agreed = jdbc.queryForObject("""
                SELECT agreed_values::text FROM sync_record
                 WHERE object_type = :objectType AND record_id = :recordId FOR UPDATE""",
                key(objectType, recordId), String.class);
        return new RecordState(objectType, recordId, fromJson(agreed), systems(objectType, recordId));
    }

    private void ensure(String objectType, String recordId) {
        jdbc.update("""
                INSERT INTO sync_record (object_type, record_id) VALUES (:objectType, :recordId)
                ON CONFLICT DO NOTHING""", key(objectType, recordId));
    }

    private Map<String, SystemEntry> systems(String objectType, String recordId) {
        var systems = new LinkedHashMap<String, SystemEntry>();
        jdbc.query("""
                SELECT system, external_id, last_version, last_seen_at FROM sync_record_system
                 WHERE object_type = :objectType AND record_id = :recordId ORDER BY system""",
                key(objectType, recordId), rs -> {
                    var entry = new SystemEntry(rs.getString("system"), rs.getString("external_id"),
                            rs.getString("last_version"), instant(rs, "last_seen_at"));
                    systems.put(entry.system(), entry);
                });
        return systems;
    }

    /**
     * A first sight of the record begins: until {@link #firstSightDone} the record counts as not
     * seen ({@link #firstSightPending}), so a bus killed half-way does the whole first sight again.
     */
    public void firstSightBegins(String objectType, String recordId) {
        jdbc.update("""
                INSERT INTO sync_first_sight (object_type, record_id) VALUES (:objectType, :recordId)
                ON CONFLICT DO NOTHING""", key(objectType, recordId));
    }

    /** The first sight's commands are on their queues. */
    public void firstSightDone(String objectType, String recordId) {
        jdbc.update("DELETE FROM sync_first_sight WHERE object_type = :objectType AND record_id = :recordId",
                key(objectType, recordId));
    }

    /** True while a first sight of the record was begun and not done (a crash came in between). */
    public boolean firstSightPending(String objectType, String recordId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM sync_first_sight WHERE object_type = :objectType AND record_id = :recordId)""",
                key(objectType, recordId), Boolean.class));
    }

    // ---- the read side, for the APIs ----------------------------------------------------------

    /** The record's ledger entry with its latest 20 decisions, or null when the ledger does not know it. */
    public LedgerEntry describe(String recordId) {
        return describe(recordId, 20);
    }

    /**
     * The record's ledger entry across systems with its latest {@code lastDecisions} decisions, or
     * null when the ledger does not know it. (A CRM id names one record of one object type.)
     */
    public LedgerEntry describe(String recordId, int lastDecisions) {
        var found = jdbc.query("""
                        SELECT object_type, agreed_values::text AS agreed, agreed_at FROM sync_record
                         WHERE record_id = :recordId ORDER BY object_type LIMIT 1""",
                new MapSqlParameterSource("recordId", recordId),
                (rs, n) -> new Object[] {rs.getString("object_type"), rs.getString("agreed"), instant(rs, "agreed_at")});
        if (found.isEmpty()) {
            return null;
        }
        var objectType = (String) found.get(0)[0];
        var decisions = jdbc.query("""
                        SELECT * FROM sync_decision WHERE object_type = :objectType AND record_id = :recordId
                         ORDER BY decided_at DESC, id DESC LIMIT :limit""",
                key(objectType, recordId).addValue("limit", Math.max(0, lastDecisions)), SyncLedger::decisionRow);
        return new LedgerEntry(objectType, recordId, fromJson((String) found.get(0)[1]), (Instant) found.get(0)[2],
                List.copyOf(systems(objectType, recordId).values()), decisions);
    }

    /**
     * Every record of {@code objectType} with its agreed values and systems (no decisions), by
     * record id: the whole ledger in two queries, for a batch job that compares every record.
     */
    public Map<String, LedgerEntry> entries(String objectType) {
        var type = new MapSqlParameterSource("objectType", objectType);
        var systems = new LinkedHashMap<String, List<SystemEntry>>();
        jdbc.query("""
                SELECT record_id, system, external_id, last_version, last_seen_at FROM sync_record_system
                 WHERE object_type = :objectType ORDER BY record_id, system""", type, rs -> {
            systems.computeIfAbsent(rs.getString("record_id"), id -> new ArrayList<>()).add(new SystemEntry(
                    rs.getString("system"), rs.getString("external_id"), rs.getString("last_version"),
                    instant(rs, "last_seen_at")));
        });
        var entries = new LinkedHashMap<String, LedgerEntry>();
        jdbc.query("""
                SELECT record_id, agreed_values::text AS agreed, agreed_at FROM sync_record
                 WHERE object_type = :objectType""", type, rs -> {
            var recordId = rs.getString("record_id");
            entries.put(recordId, new LedgerEntry(objectType, recordId, fromJson(rs.getString("agreed")),
                    instant(rs, "agreed_at"), List.copyOf(systems.getOrDefault(recordId, List.of())), List.of()));
        });
        return entries;
    }

    /** A value of one system's change to one field of a record, as the decision log writes it. */
    public record FieldValue(String recordId, String field, String system, String value) {}

    /**
     * The values the ledger decided to write nowhere: proposed to the CRM's staff or rejected. A
     * batch job that meets one of them again knows it has been decided on (value text as in
     * {@link Values#text}).
     */
    public Set<FieldValue> withheldValues(String objectType) {
        return new HashSet<>(jdbc.query("""
                        SELECT DISTINCT record_id, field, system, new_value FROM sync_decision
                         WHERE object_type = :objectType AND decision IN ('proposed', 'rejected')""",
                new MapSqlParameterSource("objectType", objectType), (rs, n) -> new FieldValue(
                        rs.getString("record_id"), rs.getString("field"), rs.getString("system"),
                        rs.getString("new_value"))));
    }

    /**
     * The decision log, newest first, one page at a time. Every filter is optional (null or blank):
     * {@code recordId} one member's; {@code since} from this instant or date on (ISO-8601);
     * {@code decision} one kind (applied, crm_wins, corrected, proposed, rejected, stale).
     * {@code page} counts from 0; {@code size} is 1 to 500.
     */
    public DecisionPage decisions(String recordId, String since, String decision, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be 0 or more and size 1 to " + MAX_PAGE_SIZE
                    + " (got page " + page + ", size " + size + ")");
        }
        var where = new ArrayList<String>();
        var params = new MapSqlParameterSource();
        if (recordId != null && !recordId.isBlank()) {
            where.add("record_id = :recordId");
            params.addValue("recordId", recordId.trim());
        }
        var from = since(since);
        if (from != null) {
            where.add("decided_at >= :since");
            params.addValue("since", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        if (decision != null && !decision.isBlank()) {
            where.add("decision = :decision");
            params.addValue("decision", DecisionKind.ofCode(decision.trim().toLowerCase()).code());
        }
        var filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        var total = jdbc.queryForObject("SELECT count(*) FROM sync_decision" + filter, params, Long.class);
        var items = jdbc.query("SELECT * FROM sync_decision" + filter
                        + " ORDER BY decided_at DESC, id DESC LIMIT :limit OFFSET :offset",
                params.addValue("limit", size).addValue("offset", (long) page * size), SyncLedger::decisionRow);
        return new DecisionPage(items, total == null ? 0 : total, page, size);
    }

    /** {@code since} as an instant: ISO-8601 instant or offset date-time, or a date (its start, UTC). */
    private static Instant since(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        var text = since.trim();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since: not an ISO-8601 date or date-time: '" + since + "'", e);
        }
    }

    // ---- mapping --------------------------------------------------------------------------

    private SqlParameterSource decisionParameters(Decision d) {
        return new MapSqlParameterSource("objectType", d.objectType()).addValue("recordId", d.recordId())
                .addValue("field", d.field()).addValue("system", d.system()).addValue("version", d.version())
                .addValue("oldValue", Values.text(d.oldValue())).addValue("newValue", Values.text(d.newValue()))
                .addValue("baseValue", Values.text(d.baseValue())).addValue("decision", d.decision().code())
                .addValue("rule", d.rule()).addValue("reason", d.reason());
    }

    private static DecisionRow decisionRow(ResultSet rs, int rowNum) throws SQLException {
        return new DecisionRow(rs.getLong("id"), rs.getString("object_type"), rs.getString("record_id"),
                rs.getString("field"), rs.getString("system"), rs.getString("version"), rs.getString("old_value"),
                rs.getString("new_value"),
                rs.getString("base_value"), rs.getString("decision"), rs.getString("rule"), rs.getString("reason"),
                instant(rs, "decided_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static MapSqlParameterSource key(String objectType, String recordId) {
        return new MapSqlParameterSource("objectType", objectType).addValue("recordId", recordId);
    }

    private String toJson(Map<String, Object> values) {
        try {
            return json.writeValueAsString(Values.plain(values));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("agreed values cannot be stored as JSON: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> fromJson(String text) {
        try {
            return text == null ? new LinkedHashMap<>() : json.readValue(text, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sync_record.agreed_values is not a JSON object: " + e.getMessage(), e);
        }
    }
}
