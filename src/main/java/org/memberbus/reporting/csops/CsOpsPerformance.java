package org.memberbus.reporting.csops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.memberbus.reporting.ReportingApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The bus's operational figures against the seed's service levels ({@code GET /api/v1/cs-ops/performance}),
 * computed from what the bus records, over a window (an hour unless asked): throughput (events the
 * flows took in, merge decisions, partner writes), freshness (a CRM commit until the community
 * holds it: the {@code memberbus.sync.lag} timer; and until the bus decided on it: the decision
 * log), error rate (dead letters against everything handled) and sync accuracy (members whose
 * systems agree, of all the ledger holds).
 */
@Component("csOpsPerformance")
public class CsOpsPerformance {

    static final double FRESHNESS_TARGET_SECONDS = 5.0;
    static final double ERROR_RATE_TARGET_PERCENT = 0.1;
    static final double SYNC_ACCURACY_TARGET_PERCENT = 99.9;

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    CsOpsPerformance(DataSource dataSource, MeterRegistry meters) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.meters = meters;
    }

    public Map<String, Object> figures(String window) {
        Duration span;
        try {
            span = window == null || window.isBlank() ? Duration.ofHours(1) : Duration.parse(window.trim());
        } catch (DateTimeParseException e) {
            throw new ReportingApiException(400, "window must be an ISO-8601 duration such as PT1H or P1D");
        }
        if (span.compareTo(Duration.ofMinutes(1)) < 0 || span.compareTo(Duration.ofDays(31)) > 0) {
            throw new ReportingApiException(400, "window must be between PT1M and P31D");
        }
        long seconds = span.toSeconds();
        var answer = new LinkedHashMap<String, Object>();
        answer.put("asOf", Instant.now().toString());
        answer.put("window", span.toString());

        long events = count("SELECT count(*) FROM camel_messageprocessed WHERE createdat > localtimestamp - make_interval(secs => ?)", seconds);
        long decisions = count("SELECT count(*) FROM sync_decision WHERE decision <> 'stale' AND decided_at > now() - make_interval(secs => ?)", seconds);
        long writes = count("SELECT count(*) FROM partner_write WHERE written_at > now() - make_interval(secs => ?)", seconds);
        long deadLetters = count("SELECT count(*) FROM dead_letter WHERE failed_at > now() - make_interval(secs => ?)", seconds);
        double minutes = seconds / 60.0;
        var throughput = new LinkedHashMap<String, Object>();
        throughput.put("eventsProcessed", events);
        throughput.put("syncDecisions", decisions);
        throughput.put("partnerWrites", writes);
        throughput.put("perMinute", round((events + decisions + writes) / minutes, 2));
        answer.put("throughput", throughput);

        answer.put("freshness", freshness(seconds));

        long handled = events + writes + deadLetters;
        var errors = new LinkedHashMap<String, Object>();
        errors.put("failed", deadLetters);
        errors.put("handled", handled);
        Double rate = handled == 0 ? null : round(100.0 * deadLetters / handled, 3);
        errors.put("ratePercent", rate);
        errors.put("targetPercent", ERROR_RATE_TARGET_PERCENT);
        errors.put("met", rate == null ? null : rate < ERROR_RATE_TARGET_PERCENT);
        answer.put("errorRate", errors);

        long records = count("SELECT count(*) FROM sync_record");
        // a field whose latest decision withheld a change (proposed to staff, rejected) leaves its
        // systems apart; so does a command for the member given up in the dead-letter store
        long apart = count("""
                WITH latest AS (
                    SELECT DISTINCT ON (object_type, record_id, field) object_type, record_id, decision
                      FROM sync_decision
                     WHERE decision <> 'stale'
                       AND (object_type, record_id) IN (SELECT object_type, record_id FROM sync_decision
                                                         WHERE decision IN ('proposed', 'rejected'))
                     ORDER BY object_type, record_id, field, decided_at DESC, id DESC)
                SELECT count(*) FROM (
                    SELECT object_type, record_id FROM latest WHERE decision IN ('proposed', 'rejected')
                    UNION
                    SELECT r.object_type, r.record_id FROM sync_record r
                      JOIN dead_letter d ON d.message_key = r.record_id AND d.replayed_at IS NULL) apart""");
        var accuracy = new LinkedHashMap<String, Object>();
        accuracy.put("records", records);
        accuracy.put("outOfSync", apart);
        Double share = records == 0 ? null : round(100.0 * (records - apart) / records, 3);
        accuracy.put("percent", share);
        accuracy.put("targetPercent", SYNC_ACCURACY_TARGET_PERCENT);
        accuracy.put("met", share == null ? null : share > SYNC_ACCURACY_TARGET_PERCENT);
        answer.put("syncAccuracy", accuracy);
        return answer;
    }

    /**
     * End to end (CRM commit until the community accepted the write: the sync lag timer, this
     * instance since it started) where measured, else until the bus decided (the decision log's
     * CRM changes in the window: their SystemModstamp against the decision's time).
     */
    private Map<String, Object> freshness(long seconds) {
        var freshness = new LinkedHashMap<String, Object>();
        Timer lag = meters.find("memberbus.sync.lag").timer();
        Double endToEndP95 = null;
        if (lag != null && lag.count() > 0) {
            var e2e = new LinkedHashMap<String, Object>();
            e2e.put("changes", lag.count());
            e2e.put("meanSeconds", round(lag.mean(TimeUnit.MILLISECONDS) / 1000.0, 3));
            e2e.put("maxSeconds", round(lag.max(TimeUnit.MILLISECONDS) / 1000.0, 3));
            for (var p : lag.takeSnapshot().percentileValues()) {
                if (Math.abs(p.percentile() - 0.95) < 1e-6 && !Double.isNaN(p.value())) {
                    endToEndP95 = round(p.value(TimeUnit.MILLISECONDS) / 1000.0, 3);
                }
            }
            if (endToEndP95 == null || endToEndP95 == 0.0) {
                endToEndP95 = (Double) e2e.get("meanSeconds"); // the percentile window was empty: the mean since start
            }
            e2e.put("p95Seconds", endToEndP95);
            freshness.put("crmToCommunity", e2e);
        }
        var decided = jdbc.queryForMap("""
                SELECT count(*) AS changes,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY lag) AS p95
                  FROM (SELECT greatest(0, extract(epoch FROM decided_at - version::timestamptz)) AS lag
                          FROM sync_decision
                         WHERE system = 'crm' AND decision <> 'stale' AND decided_at > now() - make_interval(secs => ?)
                           AND version ~ '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d') l""", seconds);
        var bus = new LinkedHashMap<String, Object>();
        bus.put("changes", ((Number) decided.get("changes")).longValue());
        bus.put("p50Seconds", decided.get("p50") == null ? null : round(((Number) decided.get("p50")).doubleValue(), 3));
        bus.put("p95Seconds", decided.get("p95") == null ? null : round(((Number) decided.get("p95")).doubleValue(), 3));
        freshness.put("crmToDecision", bus);
        Double p95 = endToEndP95 != null ? endToEndP95 : (Double) bus.get("p95Seconds");
        freshness.put("p95Seconds", p95);
        freshness.put("targetSeconds", FRESHNESS_TARGET_SECONDS);
        freshness.put("met", p95 == null ? null : p95 < FRESHNESS_TARGET_SECONDS);
        return freshness;
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
