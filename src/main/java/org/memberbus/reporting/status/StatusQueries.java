package org.memberbus.reporting.status;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The status page's questions to PostgreSQL, all in one place: what the bus itself recorded in the
 * last hour and day (sync decisions, events each flow processed), what it gave up on (dead letters,
 * quarantined calls, conflicts, data-quality flags) with the records concerned: ids only, never a
 * name, an email or a message body.
 */
class StatusQueries {

    /** How many record ids an error kind lists (the count says how many there are). */
    static final int RECORDS_LISTED = 10;

    private final JdbcTemplate jdbc;

    StatusQueries(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Changes merged per object and the system they came from (stale echoes aside). */
    record Changes(String object, String from, long lastHour, long lastDay) {}

    List<Changes> changes() {
        return jdbc.query("""
                SELECT object_type, system, count(*) FILTER (WHERE decided_at > now() - interval '1 hour'), count(*)
                  FROM sync_decision
                 WHERE decided_at > now() - interval '1 day' AND decision <> 'stale'
                 GROUP BY 1, 2 ORDER BY 1, 2""",
                (rs, n) -> new Changes(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
    }

    /** Events each flow took in (each is recorded once by its idempotent consumer). */
    record Processed(String flow, long lastHour, long lastDay) {}

    List<Processed> processed() {
        // createdat is a timestamp without zone written by now(): compared with now() in the same session zone
        return jdbc.query("""
                SELECT processorname, count(*) FILTER (WHERE createdat > localtimestamp - interval '1 hour'), count(*)
                  FROM camel_messageprocessed
                 WHERE createdat > localtimestamp - interval '1 day'
                 GROUP BY 1 ORDER BY 1""",
                (rs, n) -> new Processed(rs.getString(1), rs.getLong(2), rs.getLong(3)));
    }

    /** One kind of error: how many, and the first records concerned (ids). */
    record ErrorKind(String kind, String source, long count, List<String> records) {}

    /** Open dead letters (not replayed) by the route that gave up and the exception's class. */
    List<ErrorKind> deadLetterErrors() {
        return jdbc.query("""
                SELECT coalesce(substring(error FROM '^([A-Za-z0-9_.$]+):'), 'Error') AS kind, route_id, count(*),
                       (array_agg(coalesce(message_key, '#' || id) ORDER BY id DESC))[1:%d]
                  FROM dead_letter WHERE replayed_at IS NULL
                 GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2""".formatted(RECORDS_LISTED),
                (rs, n) -> new ErrorKind(rs.getString(1), rs.getString(2), rs.getLong(3), ids(rs, 4)));
    }

    /** Inbound calls refused in the last day, by endpoint and answer (records: quarantine entry ids). */
    List<ErrorKind> refusedCalls() {
        return jdbc.query("""
                SELECT 'refused ' || status, source, count(*), (array_agg('#' || id ORDER BY id DESC))[1:%d]
                  FROM quarantine WHERE received_at > now() - interval '1 day'
                 GROUP BY status, source ORDER BY 3 DESC, 2""".formatted(RECORDS_LISTED),
                (rs, n) -> new ErrorKind(rs.getString(1), rs.getString(2), rs.getLong(3), ids(rs, 4)));
    }

    /** Sync conflicts (the CRM's value won) and rejected changes of the last day, by the system whose change it was. */
    List<ErrorKind> syncConflicts() {
        return jdbc.query("""
                SELECT CASE decision WHEN 'crm_wins' THEN 'conflict: CRM value won' ELSE 'change rejected' END,
                       object_type || ' from ' || system, count(*),
                       (array_agg(DISTINCT record_id))[1:%d]
                  FROM sync_decision
                 WHERE decided_at > now() - interval '1 day' AND decision IN ('crm_wins', 'rejected')
                 GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2""".formatted(RECORDS_LISTED),
                (rs, n) -> new ErrorKind(rs.getString(1), rs.getString(2), rs.getLong(3), ids(rs, 4)));
    }

    /** Open data-quality flags per check (config/data-quality.yaml). */
    List<ErrorKind> dataQuality() {
        return jdbc.query("""
                SELECT 'data quality: ' || check_name, severity, count(*),
                       (array_agg(record_id ORDER BY first_seen, record_id))[1:%d]
                  FROM warehouse.dq_issue WHERE resolved_at IS NULL
                 GROUP BY check_name, severity ORDER BY 3 DESC, 1""".formatted(RECORDS_LISTED),
                (rs, n) -> new ErrorKind(rs.getString(1), rs.getString(2), rs.getLong(3), ids(rs, 4)));
    }

    /** Dead letters not replayed yet (the bus's own store; Artemis's DLQs are counted by {@link BrokerQueues}). */
    long openDeadLetters() {
        return count("SELECT count(*) FROM dead_letter WHERE replayed_at IS NULL");
    }

    /** Refused inbound calls kept in quarantine, per source. */
    List<Processed> quarantineBySource() {
        return jdbc.query("""
                SELECT source, count(*) FILTER (WHERE received_at > now() - interval '1 hour'), count(*)
                  FROM quarantine GROUP BY 1 ORDER BY 1""",
                (rs, n) -> new Processed(rs.getString(1), rs.getLong(2), rs.getLong(3)));
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private static List<String> ids(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        return new ArrayList<>(Arrays.stream((Object[]) array.getArray()).filter(Objects::nonNull)
                .map(Object::toString).toList());
    }
}
