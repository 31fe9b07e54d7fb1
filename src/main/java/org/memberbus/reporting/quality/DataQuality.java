package org.memberbus.reporting.quality;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.memberbus.infra.ConfigFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data-quality checks of {@code config/data-quality.yaml} over the warehouse. A failing
 * record is flagged in {@code warehouse.dq_issue} (first and last seen); one no longer found is
 * marked resolved, so the open issues are always those of the last run.
 */
@Component("dataQuality")
public class DataQuality {

    private static final Logger LOG = LoggerFactory.getLogger(DataQuality.class);
    private static final Set<String> SEVERITIES = Set.of("error", "warning", "info");

    record Check(String name, String severity, String sql) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final ConfigFile<List<Check>> file;

    public DataQuality(DataSource dataSource, PlatformTransactionManager transactions,
                       @Value("${memberbus.data-quality.config-path:config/data-quality.yaml}") String path) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.file = new ConfigFile<>("Data-quality checks", path, DataQuality::parse,
                checks -> checks.stream().map(Check::name).toList().toString());
    }

    /** Runs every check; answers per check the records failing now and how many were newly flagged. */
    public Map<String, Object> run() {
        var started = Timestamp.from(Instant.now().minusMillis(1));
        var result = new LinkedHashMap<String, Object>();
        for (var check : file.current()) {
            var failing = readOnly.execute(status -> jdbc.queryForList(check.sql()));
            for (var row : failing) {
                var recordId = String.valueOf(row.get("record_id"));
                var detail = row.get("detail") == null ? null : String.valueOf(row.get("detail"));
                jdbc.update("INSERT INTO warehouse.dq_issue (check_name, severity, record_id, detail) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (check_name, record_id) DO UPDATE SET last_seen = now(), "
                        + "detail = EXCLUDED.detail, severity = EXCLUDED.severity, resolved_at = NULL, "
                        // an issue that comes back is news for the data team again (DataQualityNotices)
                        + "notified_at = CASE WHEN warehouse.dq_issue.resolved_at IS NOT NULL THEN NULL "
                        + "ELSE warehouse.dq_issue.notified_at END "
                        + "WHERE warehouse.dq_issue.resolved_at IS NOT NULL OR warehouse.dq_issue.last_seen < now()",
                        check.name(), check.severity(), recordId, detail);
            }
            int resolved = jdbc.update("UPDATE warehouse.dq_issue SET resolved_at = now() "
                    + "WHERE check_name = ? AND resolved_at IS NULL AND last_seen < ?", check.name(), started);
            var entry = new LinkedHashMap<String, Object>();
            entry.put("severity", check.severity());
            entry.put("failing", failing.size());
            entry.put("resolved", resolved);
            result.put(check.name(), entry);
            if (!failing.isEmpty()) {
                LOG.warn("Data quality: check {} finds {} record(s) failing", check.name(), failing.size());
            }
        }
        return result;
    }

    /** The open issues: per check its severity, count and first records (ids and details, no more). */
    public Map<String, Object> open(Integer limit) {
        int n = limit == null ? 50 : Math.max(1, Math.min(1000, limit));
        var answer = new LinkedHashMap<String, Object>();
        for (var check : file.current()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("severity", check.severity());
            entry.put("open", jdbc.queryForObject("SELECT count(*) FROM warehouse.dq_issue WHERE check_name = ? "
                    + "AND resolved_at IS NULL", Long.class, check.name()));
            entry.put("records", jdbc.queryForList("SELECT record_id AS \"recordId\", detail, first_seen AS \"firstSeen\" "
                    + "FROM warehouse.dq_issue WHERE check_name = ? AND resolved_at IS NULL ORDER BY first_seen, record_id "
                    + "LIMIT ?", check.name(), n));
            answer.put(check.name(), entry);
        }
        return answer;
    }

    @SuppressWarnings("unchecked")
    static List<Check> parse(String yaml, String source) {
        var root = ConfigFile.yaml(yaml, source);
        if (!(root instanceof Map<?, ?> top) || !(top.get("checks") instanceof List<?> list)) {
            throw new IllegalArgumentException(source + ": expected a list checks");
        }
        var errors = new ArrayList<String>();
        var checks = new ArrayList<Check>();
        var names = new java.util.HashSet<String>();
        for (var item : list) {
            var m = (Map<String, Object>) item;
            var name = String.valueOf(m.get("name"));
            var severity = String.valueOf(m.getOrDefault("severity", "warning"));
            var sql = m.get("sql") == null ? "" : String.valueOf(m.get("sql")).strip();
            if (!names.add(name)) {
                errors.add(source + ": check " + name + " given twice");
            }
            if (!SEVERITIES.contains(severity)) {
                errors.add(source + ": check " + name + ": severity must be one of " + SEVERITIES);
            }
            if (!sql.regionMatches(true, 0, "SELECT", 0, 6) && !sql.regionMatches(true, 0, "WITH", 0, 4)) {
                errors.add(source + ": check " + name + ": sql must be one SELECT of record_id, detail");
            }
            checks.add(new Check(name, severity, sql));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return List.copyOf(checks);
    }
}
