package org.memberbus.reporting.reports;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.memberbus.reporting.ReportingApiException;
import org.memberbus.reporting.reports.ReportTemplates.Template;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs report templates over the warehouse and keeps the audit trail: every rendering (a
 * download or a delivery, by whom, how many rows, where it went) is a row of
 * {@code warehouse.report_run}. A template's SQL runs in a read-only transaction with a statement
 * timeout, so a template can neither change data nor hold the database.
 */
@Component("reports")
public class Reports {

    /** One rendered report, ready to be answered or delivered (routes/reporting-reports.camel.yaml). */
    public record ReportFile(long runId, String report, String fileName, String contentType, byte[] bytes, int rows,
                             String channel) {}

    /** A scheduled delivery: one template to one channel. */
    public record Delivery(String report, String format, String channel) {}

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final ReportTemplates templates;
    private final int timeoutSeconds;
    private final List<String> recipients;
    private final String campaign;
    private final String portalUrl;

    public Reports(DataSource dataSource, PlatformTransactionManager transactions, ReportTemplates templates,
                   @Value("${memberbus.reports.query-timeout-seconds:60}") int timeoutSeconds,
                   @Value("${memberbus.reports.email.recipients:}") List<String> recipients,
                   @Value("${memberbus.reports.email.campaign:report-delivery}") String campaign,
                   @Value("${memberbus.reports.portal-url:http://localhost:8080}") String portalUrl) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.templates = templates;
        this.timeoutSeconds = timeoutSeconds;
        this.recipients = recipients.stream().map(String::strip).filter(r -> !r.isEmpty()).toList();
        this.campaign = campaign;
        this.portalUrl = portalUrl;
    }

    public List<Map<String, Object>> list() {
        return templates.all().values().stream().map(Template::describe).toList();
    }

    /** Renders {@code report} in {@code format} (its own when null) for {@code channel}, and records it. */
    public ReportFile render(String report, String format, String channel, String trigger, String requestedBy) {
        var template = templates.all().get(report);
        if (template == null) {
            throw new ReportingApiException(404, "no report " + report + "; reports: " + templates.all().keySet());
        }
        var f = format == null || format.isBlank() ? template.format() : format.strip().toLowerCase(Locale.ROOT);
        if (!ReportTemplates.FORMATS.contains(f)) {
            throw new ReportingApiException(400, "format must be one of csv, xlsx, pdf, not " + format);
        }
        var c = channel == null || channel.isBlank() ? "download" : channel.strip().toLowerCase(Locale.ROOT);
        if (!c.equals("download") && !ReportTemplates.CHANNELS.contains(c)) {
            throw new ReportingApiException(400, "deliver must be one of " + ReportTemplates.CHANNELS + ", not " + channel);
        }
        var by = requestedBy == null ? "unknown" : requestedBy;
        Long runId = jdbc.queryForObject("INSERT INTO warehouse.report_run (report, format, channel, trigger, requested_by) "
                + "VALUES (?, ?, ?, ?, ?) RETURNING id", Long.class, report, f, c, trigger == null ? "api" : trigger, by);
        try {
            var now = Instant.now();
            var rows = rows(template);
            var rendered = ReportRenderer.render(template, rows, f, now);
            var fileName = report + "-" + STAMP.format(now) + "." + rendered.extension();
            jdbc.update("UPDATE warehouse.report_run SET rows = ?, bytes = ?, target = ?, "
                    + "status = CASE WHEN channel = 'download' THEN 'delivered' ELSE 'rendered' END, finished_at = now() "
                    + "WHERE id = ?", rows.size(), rendered.bytes().length, fileName, runId);
            return new ReportFile(Objects.requireNonNull(runId), report, fileName, rendered.contentType(),
                    rendered.bytes(), rows.size(), c);
        } catch (RuntimeException e) {
            failed(runId, e);
            throw e;
        }
    }

    private List<Map<String, Object>> rows(Template template) {
        return readOnly.execute(status -> {
            jdbc.execute("SET LOCAL statement_timeout = '" + timeoutSeconds + "s'");
            return jdbc.queryForList(template.sql());
        });
    }

    /** The file reached its channel: {@code target} says where. */
    public void delivered(ReportFile file, String target) {
        jdbc.update("UPDATE warehouse.report_run SET status = 'delivered', target = ?, finished_at = now() WHERE id = ?",
                target, file.runId());
    }

    public void failed(Long runId, Throwable e) {
        if (runId != null) {
            jdbc.update("UPDATE warehouse.report_run SET status = 'failed', error = ?, finished_at = now() WHERE id = ?",
                    e == null ? null : String.valueOf(e.getMessage()), runId);
        }
    }

    /** A campaign command for the marketing automation: one recipient told the report is ready. */
    public record EmailCommand(String requestId, String recipient, Map<String, Object> body) {}

    /**
     * The report's e-mail: the marketing automation's transactional campaign, once per recipient,
     * with the report's title and its link on the staff portal (the file itself is in the portal's
     * folder: a campaign carries no attachment). The request id makes each send once.
     */
    public List<EmailCommand> emailCommands(ReportFile file) {
        if (recipients.isEmpty()) {
            throw new IllegalStateException("no report recipients: set memberbus.reports.email.recipients");
        }
        var template = templates.all().get(file.report());
        var commands = new ArrayList<EmailCommand>();
        for (var recipient : recipients) {
            var tokens = new LinkedHashMap<String, Object>();
            tokens.put("reportTitle", template == null ? file.report() : template.title());
            tokens.put("reportLink", portalUrl + "/reports/" + file.fileName());
            tokens.put("rows", file.rows());
            var body = new LinkedHashMap<String, Object>();
            body.put("campaign", campaign);
            body.put("email", recipient);
            body.put("tokens", tokens);
            commands.add(new EmailCommand("report:" + file.runId() + ":" + recipient, recipient, body));
        }
        return commands;
    }

    /**
     * The query of the community portal's upload ({@code POST /api/v1/library/folders/{folder}/documents}):
     * the file's name, the report's title, and the announcement on the folder's feed.
     */
    public String portalQuery(ReportFile file) {
        var template = templates.all().get(file.report());
        var title = template == null ? file.report() : template.title();
        return "fileName=" + encode(file.fileName()) + "&title=" + encode(title)
                + "&announcement=" + encode("New report: " + title + " (" + file.rows() + " rows)");
    }

    /** The upload's idempotency key: one document per report run, however often the post is retried. */
    public String portalKey(ReportFile file) {
        return "report:" + file.runId() + ":portal";
    }

    /** The portal holds the file: the audit entry names the document ({@code answer}: the portal's document). */
    public void deliveredToPortal(ReportFile file, String folder, String answer) {
        String document;
        try {
            document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer).path("id").asText("?");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            document = "?";
        }
        delivered(file, "portal:" + folder + "/" + document + "/" + file.fileName());
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Every report of a schedule, to each of its channels. */
    public List<Delivery> scheduled(String schedule) {
        var deliveries = new ArrayList<Delivery>();
        for (var template : templates.scheduled(schedule)) {
            template.deliver().forEach(channel -> deliveries.add(new Delivery(template.id(), template.format(), channel)));
        }
        return deliveries;
    }

    /** The audit trail, newest first. */
    public List<Map<String, Object>> audit(Integer limit) {
        int n = limit == null ? 100 : Math.max(1, Math.min(1000, limit));
        return jdbc.query("SELECT id, report, format, channel, trigger, requested_by, rows, bytes, target, status, error, "
                + "started_at, finished_at FROM warehouse.report_run ORDER BY id DESC LIMIT ?", (rs, i) -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("id", rs.getLong("id"));
            m.put("report", rs.getString("report"));
            m.put("format", rs.getString("format"));
            m.put("channel", rs.getString("channel"));
            m.put("trigger", rs.getString("trigger"));
            m.put("requestedBy", rs.getString("requested_by"));
            m.put("rows", rs.getObject("rows"));
            m.put("bytes", rs.getObject("bytes"));
            m.put("target", rs.getString("target"));
            m.put("status", rs.getString("status"));
            m.put("error", rs.getString("error"));
            m.put("startedAt", rs.getTimestamp("started_at").toInstant().toString());
            var finished = rs.getTimestamp("finished_at");
            m.put("finishedAt", finished == null ? null : finished.toInstant().toString());
            return m;
        }, n);
    }
}
