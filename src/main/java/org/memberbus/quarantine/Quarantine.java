package org.memberbus.quarantine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.memberbus.inbound.InboundRejectedException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The quarantine's rules and its reading side: which request headers are kept with a refused body,
 * the pages operators list, one entry with its body, and the cut-off of the purge. The routes in
 * {@code routes/quarantine.camel.yaml} and the inbound error handling do the writing.
 */
public final class Quarantine {

    /** Headers never kept: credentials, cookies, and Camel's own. */
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");
    static final int MAX_PAGE_SIZE = 200;

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration keep;

    Quarantine(NamedParameterJdbcTemplate jdbc, ObjectMapper json, Clock clock, Duration keep) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.keep = keep;
    }

    /** The request's own headers as JSON (the signature among them, which a replay needs). */
    public String headersToJson(Map<String, Object> headers) throws JsonProcessingException {
        var kept = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            if (value != null && !name.startsWith("Camel") && !name.startsWith("camel")
                    && !SECRET_HEADERS.contains(name.toLowerCase())) {
                kept.put(name, String.valueOf(value));
            }
        });
        return json.writeValueAsString(kept);
    }

    /** The entries received before this are purged. */
    public Timestamp purgeBefore() {
        return Timestamp.from(clock.instant().minus(keep));
    }

    /** A page of entries, newest first, without their bodies (their size instead). */
    public Map<String, Object> page(String source, String reason, String since, Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0 || s < 1 || s > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        var where = new StringBuilder(" where true");
        var params = new MapSqlParameterSource();
        if (source != null && !source.isBlank()) {
            where.append(" and source = :source");
            params.addValue("source", source);
        }
        if (reason != null && !reason.isBlank()) {
            where.append(" and position(lower(:reason) in lower(reason)) > 0");
            params.addValue("reason", reason);
        }
        if (since != null && !since.isBlank()) {
            where.append(" and received_at >= :since");
            params.addValue("since", Timestamp.from(instant(since)));
        }
        Long total = jdbc.queryForObject("select count(*) from quarantine" + where, params, Long.class);
        params.addValue("limit", s).addValue("offset", (long) p * s);
        List<Map<String, Object>> items = jdbc.query("select id, source, reason, status, received_at,"
                + " octet_length(body) as body_bytes, replayed_at, replay_count, replay_status, replay_result"
                + " from quarantine" + where + " order by id desc limit :limit offset :offset", params,
                (rs, n) -> entry(rs, false));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("page", p);
        answer.put("size", s);
        answer.put("total", total);
        answer.put("items", items);
        return answer;
    }

    /** One entry with its headers and body; null when there is none. */
    public Map<String, Object> entry(long id) {
        return jdbc.query("select id, source, reason, status, received_at, octet_length(body) as body_bytes,"
                        + " replayed_at, replay_count, replay_status, replay_result, headers, body"
                        + " from quarantine where id = :id", Map.of("id", id),
                (rs, n) -> entry(rs, true)).stream().findFirst().orElse(null);
    }

    /** The signature header a replay of this entry presents again, from the stored headers. */
    public String storedHeader(String headersJson, String name) throws JsonProcessingException {
        if (headersJson == null || !headersJson.startsWith("{")) {
            return null;
        }
        var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(json.readerForMapOf(String.class).readValue(headersJson));
        return headers.get(name);
    }

    /** An entry from a source no webhook reader serves (a route since renamed): never replayed blind. */
    public void noReaderFor(String source) {
        throw new InboundRejectedException(422, "no webhook reader for source " + source);
    }

    /** Counts by source, for the gauge. */
    Map<String, Long> countsBySource() {
        var counts = new TreeMap<String, Long>();
        jdbc.query("select source, count(*) as n from quarantine group by source", Map.of(),
                rs -> { counts.put(rs.getString("source"), rs.getLong("n")); });
        return counts;
    }

    private Map<String, Object> entry(ResultSet rs, boolean whole) throws SQLException {
        var e = new LinkedHashMap<String, Object>();
        e.put("id", rs.getLong("id"));
        e.put("source", rs.getString("source"));
        e.put("reason", rs.getString("reason"));
        e.put("status", rs.getInt("status"));
        e.put("receivedAt", instantOf(rs.getTimestamp("received_at")));
        e.put("bodyBytes", rs.getObject("body_bytes"));
        e.put("replayed", rs.getTimestamp("replayed_at") != null);
        e.put("replayedAt", instantOf(rs.getTimestamp("replayed_at")));
        e.put("replayCount", rs.getInt("replay_count"));
        e.put("replayStatus", rs.getObject("replay_status"));
        e.put("replayResult", rs.getString("replay_result"));
        if (whole) {
            e.put("headers", rs.getString("headers"));
            e.put("body", rs.getString("body"));
        }
        return e;
    }

    private static String instantOf(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }

    private static Instant instant(String since) {
        try {
            return since.length() == 10 ? LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(since).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since must be an ISO date or date-time with offset: " + since);
        }
    }
}
