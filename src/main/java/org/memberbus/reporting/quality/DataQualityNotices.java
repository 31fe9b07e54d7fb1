package org.memberbus.reporting.quality;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the data team is told of data-quality failures (routes/reporting-warehouse-facts.camel.yaml,
 * data-quality-notify): per check, the open issues flagged since the last notice, as one CRM Task
 * for the data team (owner {@code memberbus.data-quality.task-owner}, the integration user when
 * empty). The Task's key ({@code Bus_Key__c}) is the check and its first issue's id: the same
 * issues sent again after a crash upsert the same Task, and an issue is in one notice only.
 */
@Component("dataQualityNotices")
public class DataQualityNotices {

    /** One check's new issues: the CRM Task to upsert by {@code key}. */
    public record Notice(String key, String check, List<Long> issueIds, Map<String, Object> task) {}

    static final int LISTED = 20;

    private final JdbcTemplate jdbc;
    private final String owner;
    private final String team;

    public DataQualityNotices(DataSource dataSource,
                              @Value("${memberbus.data-quality.task-owner:}") String owner,
                              @Value("${memberbus.data-quality.team:Data team}") String team) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.owner = owner == null ? "" : owner.strip();
        this.team = team;
    }

    /** The notices due now: one per check with open issues not yet sent. */
    public List<Notice> pending() {
        var byCheck = new LinkedHashMap<String, List<Map<String, Object>>>();
        jdbc.queryForList("SELECT id, check_name, severity, record_id, detail FROM warehouse.dq_issue "
                + "WHERE notified_at IS NULL AND resolved_at IS NULL ORDER BY check_name, id")
                .forEach(row -> byCheck.computeIfAbsent((String) row.get("check_name"), c -> new ArrayList<>()).add(row));
        var notices = new ArrayList<Notice>();
        byCheck.forEach((check, issues) -> {
            var ids = issues.stream().map(i -> ((Number) i.get("id")).longValue()).toList();
            var severity = String.valueOf(issues.get(0).get("severity"));
            var description = new StringBuilder(team).append(": the warehouse's data-quality check ").append(check)
                    .append(" (").append(severity).append(") flags ").append(issues.size())
                    .append(" new record(s). Open issues: GET /api/v1/data-quality.\n");
            issues.stream().limit(LISTED).forEach(i -> description.append("- ").append(i.get("record_id"))
                    .append(": ").append(i.get("detail") == null ? "" : i.get("detail")).append('\n'));
            if (issues.size() > LISTED) {
                description.append("... and ").append(issues.size() - LISTED).append(" more\n");
            }
            var task = new LinkedHashMap<String, Object>();
            task.put("Subject", "Data quality: " + check + " flags " + issues.size() + " new record(s)");
            task.put("Description", description.toString());
            task.put("Priority", "error".equals(severity) ? "High" : "Normal");
            task.put("Status", "Not Started");
            task.put("ActivityDate", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString());
            if (!owner.isEmpty()) {
                task.put("OwnerId", owner);
            }
            notices.add(new Notice("dq:" + check + ":" + ids.get(0), check, ids, task));
        });
        return notices;
    }

    /** The notice is on its way to the CRM: its issues are told. */
    public void sent(Notice notice) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("UPDATE warehouse.dq_issue SET notified_at = now(), notice_key = ? "
                    + "WHERE id = ANY (?) AND notified_at IS NULL");
            ps.setString(1, notice.key());
            ps.setArray(2, con.createArrayOf("bigint", notice.issueIds().toArray()));
            return ps;
        });
    }
}
