package org.memberbus.reporting.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ColumnDelimiterEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ContentTypeEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.LineEndingEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.memberbus.finance.ledger.GlMapping;
import org.memberbus.reporting.ReportingApiException;
import org.memberbus.reporting.warehouse.WarehouseConfig.CrmExtract;
import org.memberbus.reporting.warehouse.WarehouseConfig.LocalLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The warehouse ETL's rules (routes/reporting-warehouse.camel.yaml holds the flow and makes the
 * Salesforce calls). A CRM object is read by SystemModstamp from its watermark with queryAll, in
 * SystemModstamp order, each page upserted and the watermark moved in one transaction, so a run
 * stopped half-way resumes where it stopped; a deleted record is kept marked is_deleted, and an
 * undelete clears it. SystemModstamp is set when a save starts and seen when it commits, so a
 * record may appear later with an earlier stamp: the watermark is never moved closer than the
 * commit lag ({@code memberbus.warehouse.commit-lag}) to the query's start, and it is read with
 * {@code >} on its whole second (SOQL datetimes have no fraction). What falls in that overlap is
 * read again and written once, since a row is only replaced by a newer SystemModstamp.
 *
 * <p>A large read (more records than config/warehouse.yaml's bulk threshold, counted with SOQL
 * COUNT() first) goes through a Bulk API 2.0 query job instead of REST pages: a few calls however
 * many records. Its CSV sets come in no order, so the object's watermark moves only after its last
 * set; a run stopped before reads the object again from the old watermark.
 */
@Component("warehouseEtl")
public class WarehouseEtl {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseEtl.class);
    private static final DateTimeFormatter SOQL_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    private static final DateTimeFormatter SALESFORCE_DATETIME = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX][XX][X]");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final WarehouseConfig config;
    private final GlMapping glMapping;
    private final Duration lease;
    private final double budgetShare;
    private final Duration commitLag;
    private final Duration bulkPollFirst;
    private final Duration bulkPollMax;
    private final Duration bulkTimeout;

    public WarehouseEtl(DataSource dataSource, PlatformTransactionManager transactions, WarehouseConfig config,
                        GlMapping glMapping,
                        @Value("${memberbus.warehouse.lease:PT2H}") Duration lease,
                        @Value("${memberbus.warehouse.api-budget-share:0.10}") double budgetShare,
                        @Value("${memberbus.warehouse.commit-lag:PT2M}") Duration commitLag,
                        @Value("${memberbus.warehouse.bulk-poll-first:PT0.5S}") Duration bulkPollFirst,
                        @Value("${memberbus.warehouse.bulk-poll-max:PT30S}") Duration bulkPollMax,
                        @Value("${memberbus.warehouse.bulk-timeout:PT1H}") Duration bulkTimeout) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.config = config;
        this.glMapping = glMapping;
        this.lease = lease;
        this.budgetShare = budgetShare;
        this.commitLag = commitLag;
        this.bulkPollFirst = bulkPollFirst;
        this.bulkPollMax = bulkPollMax;
        this.bulkTimeout = bulkTimeout;
    }

    // ---------------------------------------------------------------- a run

    /**
     * Starts a run ({@code full} or {@code incremental}, incremental when null); null when another
     * run holds the lock (on any instance), unless that one is older than the lease.
     */
    public EtlRun start(String mode, String trigger) {
        String m = mode == null || mode.isBlank() ? "incremental" : mode.strip().toLowerCase(Locale.ROOT);
        if (!m.equals("full") && !m.equals("incremental")) {
            throw new ReportingApiException(400, "mode must be full or incremental, not " + mode);
        }
        Long id = jdbc.queryForObject("INSERT INTO warehouse.etl_run (mode, trigger) VALUES (?, ?) RETURNING id",
                Long.class, m, trigger == null ? "api" : trigger);
        int taken = jdbc.update("UPDATE warehouse.etl_lock SET run_id = ?, running_since = now() "
                + "WHERE id = 1 AND (running_since IS NULL OR running_since < now() - ? * interval '1 second')",
                id, lease.toSeconds());
        if (taken == 0) {
            jdbc.update("UPDATE warehouse.etl_run SET status = 'refused', finished_at = now() WHERE id = ?", id);
            return null;
        }
        return new EtlRun(Objects.requireNonNull(id), m.equals("full"), trigger);
    }

    /** Frees the lock, also after a failed run (the route's onCompletion). */
    public void release(EtlRun run) {
        if (run == null) {
            return;
        }
        jdbc.update("UPDATE warehouse.etl_lock SET run_id = NULL, running_since = NULL WHERE id = 1 AND run_id = ?",
                run.id);
        jdbc.update("UPDATE warehouse.etl_run SET status = 'failed', finished_at = now() "
                + "WHERE id = ? AND status = 'running'", run.id);
    }

    public List<CrmExtract> crmExtracts() {
        return config.crmExtracts();
    }

    /** The first query of an object by REST: from its watermark, or all of it in a full run. */
    public String query(EtlRun run, CrmExtract extract) {
        run.salesforceCalls++;
        run.table(extract.table()).extract = "rest";
        run.queryStarted.put(extract.object(), Instant.now());
        return extract.soql(since(run, extract));
    }

    /** Where an object's read starts: its watermark (whole seconds), or null (everything) in a full run. */
    private String since(EtlRun run, CrmExtract extract) {
        if (run.full) {
            return null;
        }
        var watermark = jdbc.query("SELECT watermark FROM warehouse.etl_watermark WHERE source = ?",
                rs -> rs.next() ? rs.getString(1) : null, source(extract));
        return watermark == null ? null : SOQL_DATETIME.format(Instant.parse(watermark).truncatedTo(ChronoUnit.SECONDS));
    }

    // ---------------------------------------------------------------- REST or Bulk API 2.0

    /** The COUNT() of what the object's read would return (run with queryAll: deleted records count too). */
    public String countQuery(EtlRun run, CrmExtract extract) {
        run.table(extract.table());
        return extract.countSoql(since(run, extract));
    }

    /**
     * The count's answer (one call) decides how the object is read: {@code bulk} (a Bulk API 2.0
     * query job) above the threshold, {@code rest} (query pages) below it, {@code none} when
     * nothing changed since the watermark, which saves the query call.
     */
    public String readBy(EtlRun run, CrmExtract extract, Map<String, Object> countAnswer) {
        run.salesforceCalls++;
        long records = countAnswer.get("totalSize") instanceof Number n ? n.longValue() : 0;
        var by = records > config.bulk().threshold() ? "bulk" : records > 0 ? "rest" : "none";
        run.table(extract.table()).extract = by;
        return by;
    }

    /** The Bulk API 2.0 query job that reads the object (queryAll: deleted records come too); creating it is a call. */
    public QueryJob bulkJob(EtlRun run, CrmExtract extract) {
        run.salesforceCalls++;
        run.bulkJobs++;
        run.bulkPolls = 0;
        run.bulkCreated = Instant.now();
        run.table(extract.table()).extract = "bulk";
        run.queryStarted.put(extract.object(), run.bulkCreated);
        var job = new QueryJob();
        job.setOperation(OperationEnum.QUERY_ALL);
        job.setQuery(extract.bulkSoql(since(run, extract)));
        job.setContentType(ContentTypeEnum.CSV);
        job.setColumnDelimiter(ColumnDelimiterEnum.COMMA);
        job.setLineEnding(LineEndingEnum.LF);
        return job;
    }

    /** How long to wait before the next status poll: from bulk-poll-first, doubling up to bulk-poll-max. */
    public long bulkPollDelay(EtlRun run) {
        long first = Math.max(1, bulkPollFirst.toMillis());
        long delay = first << Math.min(run.bulkPolls, 20);
        return Math.min(delay, Math.max(first, bulkPollMax.toMillis()));
    }

    /**
     * A status poll's answer (a call): the job's state (JOB_COMPLETE when done). A failed or aborted job, or one not done
     * within bulk-timeout, fails the run (the watermark has not moved, so the next run reads it again).
     */
    public String bulkPolled(EtlRun run, CrmExtract extract, QueryJob job) {
        run.salesforceCalls++;
        run.bulkPolls++;
        run.table(extract.table()).bulkJob = job.getId();
        var state = job.getState();
        if (state == JobStateEnum.FAILED || state == JobStateEnum.ABORTED) {
            throw new IllegalStateException("Bulk API 2.0 query job " + job.getId() + " for " + extract.object()
                    + " ended " + state);
        }
        if (state != JobStateEnum.JOB_COMPLETE && Duration.between(run.bulkCreated, Instant.now()).compareTo(bulkTimeout) > 0) {
            throw new IllegalStateException("Bulk API 2.0 query job " + job.getId() + " for " + extract.object()
                    + " not done after " + bulkTimeout + " (" + state + ")");
        }
        return String.valueOf(state);
    }

    /** The number of records to ask for per set of results. */
    public int bulkMaxRecords() {
        return config.bulk().maxRecords();
    }

    /**
     * Loads one set of a bulk job's results (a call): CSV with a header of the queried fields, every
     * value a string and an empty one null, as Salesforce writes them. Answers the next set's
     * locator, or null after the last ({@code Sforce-Locator} is the string "null" then).
     */
    public String loadBulkResults(EtlRun run, CrmExtract extract, InputStream csv, Map<String, Object> headers)
            throws IOException {
        run.salesforceCalls++;
        var records = new ArrayList<Map<String, Object>>();
        var format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (var parser = CSVParser.parse(new InputStreamReader(csv, StandardCharsets.UTF_8), format)) {
            var names = parser.getHeaderNames();
            for (var row : parser) {
                var record = new HashMap<String, Object>();
                for (int i = 0; i < names.size(); i++) {
                    var value = row.get(i);
                    record.put(names.get(i), value.isEmpty() ? null
                            : names.get(i).equals("IsDeleted") ? Boolean.valueOf(value) : value);
                }
                records.add(record);
            }
        }
        if (!records.isEmpty()) {
            var newest = tx.execute(status -> upsert(run, extract, records, false));
            run.bulkNewest.merge(extract.object(), newest, (a, b) -> a.isAfter(b) ? a : b);
        }
        var locator = headers.get("Sforce-Locator");
        return locator == null || "null".equals(locator) || String.valueOf(locator).isBlank() ? null : String.valueOf(locator);
    }

    /**
     * Loads one page of a query's answer; answers the next page's URL (counted as a call), or null
     * after the last.
     */
    @SuppressWarnings("unchecked")
    public String loadPage(EtlRun run, CrmExtract extract, Map<String, Object> page) {
        var records = (List<Map<String, Object>>) page.getOrDefault("records", List.of());
        if (!records.isEmpty()) {
            tx.executeWithoutResult(status -> upsert(run, extract, records, true));
        }
        if (Boolean.TRUE.equals(page.get("done")) || page.get("nextRecordsUrl") == null) {
            return null;
        }
        run.salesforceCalls++;
        return (String) page.get("nextRecordsUrl");
    }

    /**
     * After an object's last page: a bulk read moves its watermark now; a full run marks what the
     * CRM no longer has at all.
     */
    public void endExtract(EtlRun run, CrmExtract extract) {
        var counts = run.table(extract.table());
        var bulkNewest = run.bulkNewest.remove(extract.object());
        if (bulkNewest != null) {
            advanceWatermark(run, extract, bulkNewest);
        }
        if (run.full) {
            var seen = run.seen(extract.object()).toArray(String[]::new);
            int gone = jdbc.update(con -> {
                var ps = con.prepareStatement("UPDATE " + extract.table() + " SET is_deleted = TRUE, loaded_at = now() "
                        + "WHERE NOT is_deleted AND NOT (" + extract.key() + " = ANY (?))");
                ps.setArray(1, con.createArrayOf("varchar", seen));
                return ps;
            });
            counts.deleted += gone;
            run.seen.remove(extract.object());
        }
        jdbc.update("INSERT INTO warehouse.etl_watermark (source, target_table, loaded_at) VALUES (?, ?, now()) "
                + "ON CONFLICT (source) DO UPDATE SET loaded_at = now(), target_table = EXCLUDED.target_table",
                source(extract), extract.table());
    }

    /**
     * Writes a page of records; answers the newest SystemModstamp in it. A REST page (in
     * SystemModstamp order) moves the watermark with it; a bulk set, in no order, does not.
     */
    private Instant upsert(EtlRun run, CrmExtract extract, List<Map<String, Object>> records, boolean moveWatermark) {
        var counts = run.table(extract.table());
        var columns = new ArrayList<>(extract.columns().keySet());
        var ids = records.stream().map(r -> (String) r.get("Id")).toArray(String[]::new);
        var before = tracked(extract, ids);

        var sql = new StringBuilder("INSERT INTO ").append(extract.table()).append(" (").append(extract.key());
        columns.forEach(c -> sql.append(", ").append(c));
        sql.append(", crm_modstamp, is_deleted, loaded_at) VALUES (?");
        columns.forEach(c -> sql.append(", ?"));
        sql.append(", ?, ?, now()) ON CONFLICT (").append(extract.key()).append(") DO UPDATE SET ");
        columns.forEach(c -> sql.append(c).append(" = EXCLUDED.").append(c).append(", "));
        sql.append("crm_modstamp = EXCLUDED.crm_modstamp, is_deleted = EXCLUDED.is_deleted, loaded_at = now() WHERE ")
                .append(extract.table()).append(".crm_modstamp ").append(run.full ? "<=" : "<")
                .append(" EXCLUDED.crm_modstamp");

        Instant newest = null;
        var modstamps = new ArrayList<Instant>(records.size());
        for (var record : records) {
            var modstamp = parseInstant((String) record.get("SystemModstamp"));
            modstamps.add(modstamp);
            newest = newest == null || modstamp.isAfter(newest) ? modstamp : newest;
        }
        // one batch per page: a row whose stored version is as new is left alone (count 0)
        int[] rowCounts = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<int[]>) con -> {
            try (var ps = con.prepareStatement(sql.toString())) {
                for (int r = 0; r < records.size(); r++) {
                    var record = records.get(r);
                    int i = 1;
                    ps.setString(i++, (String) record.get("Id"));
                    for (var column : columns) {
                        bind(ps, i++, record.get(extract.columns().get(column)));
                    }
                    ps.setObject(i++, OffsetDateTime.ofInstant(modstamps.get(r), java.time.ZoneOffset.UTC));
                    ps.setBoolean(i, Boolean.TRUE.equals(record.get("IsDeleted")));
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
        var changes = new ArrayList<Object[]>();
        long written = 0;
        long deleted = 0;
        for (int r = 0; r < records.size(); r++) {
            var record = records.get(r);
            counts.read++;
            var id = (String) record.get("Id");
            boolean isDeleted = Boolean.TRUE.equals(record.get("IsDeleted"));
            var modstamp = modstamps.get(r);
            if (run.full) {
                run.seen(extract.object()).add(id);
            }
            if (rowCounts[r] == 0) {
                continue;
            }
            written++;
            var previous = before.get(id);
            if (isDeleted && (previous == null || !Boolean.TRUE.equals(previous.get("is_deleted")))) {
                deleted++;
            }
            var member = extract.member() == null ? null
                    : extract.member().equals(extract.key()) ? id : text(record.get(extract.columns().get(extract.member())));
            for (var column : extract.track()) {
                var from = previous == null ? null : (String) previous.get(column);
                var to = text(record.get(extract.columns().get(column)));
                if (previous == null || !Objects.equals(from, to)) {
                    changes.add(new Object[] {extract.object(), id, member, column, from, to,
                            OffsetDateTime.ofInstant(modstamp, java.time.ZoneOffset.UTC)});
                }
            }
        }
        if (!changes.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO warehouse.fact_status_change (source_object, record_id, member_id, field, "
                    + "from_value, to_value, changed_at, day) VALUES (?, ?, ?, ?, ?, ?, ?, (?::timestamptz AT TIME ZONE 'UTC')::date)",
                    changes.stream().map(c -> new Object[] {c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[6]}).toList());
        }
        counts.written += written;
        counts.deleted += deleted;
        counts.changes += changes.size();
        if (moveWatermark) {
            advanceWatermark(run, extract, newest);
        }
        return newest;
    }

    /** Moves the object's watermark to {@code newest}, never closer than the commit lag to its query's start, never back. */
    private void advanceWatermark(EtlRun run, CrmExtract extract, Instant newest) {
        var safe = run.queryStarted.getOrDefault(extract.object(), Instant.now()).minus(commitLag);
        var watermark = (newest.isAfter(safe) ? safe : newest).toString();
        jdbc.update("INSERT INTO warehouse.etl_watermark (source, target_table, watermark, loaded_at) VALUES (?, ?, ?, now()) "
                + "ON CONFLICT (source) DO UPDATE SET loaded_at = now(), watermark = "
                + "CASE WHEN warehouse.etl_watermark.watermark IS NULL OR warehouse.etl_watermark.watermark::timestamptz "
                + "< EXCLUDED.watermark::timestamptz THEN EXCLUDED.watermark ELSE warehouse.etl_watermark.watermark END",
                source(extract), extract.table(), watermark);
    }

    /** The tracked columns (and is_deleted) of the rows the page names, as the table holds them now. */
    private Map<String, Map<String, Object>> tracked(CrmExtract extract, String[] ids) {
        var select = new StringBuilder("SELECT ").append(extract.key()).append(" AS k, is_deleted");
        extract.track().forEach(c -> select.append(", ").append(c).append("::text AS ").append(c));
        select.append(" FROM ").append(extract.table()).append(" WHERE ").append(extract.key()).append(" = ANY (?)");
        var rows = new HashMap<String, Map<String, Object>>();
        jdbc.query(con -> {
            var ps = con.prepareStatement(select.toString());
            ps.setArray(1, con.createArrayOf("varchar", ids));
            return ps;
        }, rs -> {
            var row = new HashMap<String, Object>();
            row.put("is_deleted", rs.getBoolean("is_deleted"));
            for (var c : extract.track()) {
                row.put(c, rs.getString(c));
            }
            rows.put(rs.getString("k"), row);
        });
        return rows;
    }

    /** The loads from the bus's own tables, and the GL accounts from the mapping in force. */
    public void loadLocal(EtlRun run) {
        var accounts = glAccounts();
        var counts = run.table("warehouse.dim_gl_account");
        for (var account : accounts.entrySet()) {
            counts.read++;
            counts.written += jdbc.update("INSERT INTO warehouse.dim_gl_account (account_code, role, kind) VALUES (?, ?, ?) "
                    + "ON CONFLICT (account_code) DO UPDATE SET role = EXCLUDED.role, kind = EXCLUDED.kind, loaded_at = now() "
                    + "WHERE (warehouse.dim_gl_account.role, warehouse.dim_gl_account.kind) IS DISTINCT FROM (EXCLUDED.role, EXCLUDED.kind)",
                    account.getKey(), account.getValue()[0], account.getValue()[1]);
        }
        loaded("gl-mapping", "warehouse.dim_gl_account");
        for (LocalLoad load : config.current().local()) {
            var n = tx.execute(status -> {
                int rows = jdbc.update(load.sql());
                loaded(load.name(), load.table());
                return rows;
            });
            run.table(load.table()).written += n == null ? 0 : n;
        }
    }

    private void loaded(String source, String table) {
        jdbc.update("INSERT INTO warehouse.etl_watermark (source, target_table, loaded_at) VALUES (?, ?, now()) "
                + "ON CONFLICT (source) DO UPDATE SET loaded_at = now()", source, table);
    }

    /** Code to {role, kind}: every account the mapping books to. */
    private Map<String, String[]> glAccounts() {
        var a = glMapping.current();
        var accounts = new LinkedHashMap<String, String[]>();
        java.util.function.BiConsumer<String, String[]> add = (code, roleKind) -> {
            if (code == null) {
                return;
            }
            accounts.merge(code, roleKind, (x, y) -> x[0].contains(y[0]) ? x : new String[] {x[0] + "; " + y[0], x[1]});
        };
        add.accept(a.deferredDues(), new String[] {"deferred dues", "liability"});
        a.duesIncomeByLevel().forEach((level, code) -> add.accept(code, new String[] {"dues income " + level, "income"}));
        add.accept(a.duesIncomeUnknownLevel(), new String[] {"dues income, level unknown", "income"});
        a.incomeByPurpose().forEach((purpose, code) -> add.accept(code, new String[] {"income " + purpose, "income"}));
        add.accept(a.unidentified(), new String[] {"unidentified receipts", "liability"});
        add.accept(a.clearing(), new String[] {"gateway clearing", "asset"});
        add.accept(a.bank(), new String[] {"bank", "asset"});
        add.accept(a.fees(), new String[] {"processing fees", "expense"});
        add.accept(a.refunds(), new String[] {"refunds", "contra_income"});
        add.accept(a.disputedFunds(), new String[] {"disputed funds", "asset"});
        add.accept(a.disputesLost(), new String[] {"disputes lost", "contra_income"});
        add.accept(a.disputeFees(), new String[] {"dispute fees", "expense"});
        return accounts;
    }

    /** Salesforce's /limits answer (one more call), to print this run's calls against the day's allowance. */
    @SuppressWarnings("unchecked")
    public void limits(EtlRun run, Map<String, Object> limits) {
        run.salesforceCalls++;
        run.limits = limits == null ? Map.of() : (Map<String, Object>) limits.getOrDefault("DailyApiRequests", Map.of());
        run.bulkLimits = limits == null ? Map.of() : (Map<String, Object>) limits.getOrDefault("DailyBulkV2QueryJobs", Map.of());
    }

    /** The run's report (also stored in warehouse.etl_run): rows per table, API calls, freshness. */
    public Map<String, Object> finish(EtlRun run, Map<String, Object> dataQuality) {
        var report = new LinkedHashMap<String, Object>();
        report.put("run", run.id);
        report.put("mode", run.mode());
        report.put("trigger", run.trigger);
        report.put("startedAt", run.startedAt.toString());
        var finished = Instant.now();
        report.put("finishedAt", finished.toString());
        report.put("seconds", Duration.between(run.startedAt, finished).toMillis() / 1000.0);
        var tables = new LinkedHashMap<String, Object>();
        run.tables.forEach((table, counts) -> tables.put(table, counts.toMap()));
        report.put("tables", tables);
        report.put("salesforceApi", api(run));
        report.put("freshness", freshness());
        report.put("dataQuality", dataQuality);
        jdbc.update("UPDATE warehouse.etl_run SET status = 'done', finished_at = now(), report = ?::jsonb WHERE id = ?",
                Json.write(report), run.id);
        jdbc.update("UPDATE warehouse.etl_lock SET run_id = NULL, running_since = NULL WHERE id = 1 AND run_id = ?",
                run.id);
        LOG.info("Warehouse ETL run {} ({}): {} tables, {} Salesforce calls", run.id, run.mode(), tables.size(),
                run.salesforceCalls);
        return report;
    }

    private Map<String, Object> api(EtlRun run) {
        var api = new LinkedHashMap<String, Object>();
        api.put("calls", run.salesforceCalls);
        var max = run.limits.get("Max") instanceof Number n ? n.longValue() : null;
        var remaining = run.limits.get("Remaining") instanceof Number n ? n.longValue() : null;
        api.put("dailyMax", max);
        api.put("remainingToday", remaining);
        api.put("bulkQueryJobs", run.bulkJobs);
        if (!run.bulkLimits.isEmpty()) {
            api.put("bulkQueryJobsDailyMax", run.bulkLimits.get("Max"));
            api.put("bulkQueryJobsRemainingToday", run.bulkLimits.get("Remaining"));
        }
        if (max != null && max > 0) {
            double share = 100.0 * run.salesforceCalls / max;
            api.put("percentOfDailyMax", Math.round(share * 1000) / 1000.0);
            api.put("budgetPercent", budgetShare * 100);
            api.put("withinBudget", share <= budgetShare * 100);
        }
        return api;
    }

    /** Per table: when it was last loaded and, for CRM tables, the newest change it holds. */
    public Map<String, Object> freshness() {
        var now = Instant.now();
        var fresh = new LinkedHashMap<String, Object>();
        jdbc.query("SELECT target_table, max(loaded_at) AS loaded, max(watermark) AS watermark "
                + "FROM warehouse.etl_watermark GROUP BY target_table ORDER BY target_table", rs -> {
            var loaded = rs.getTimestamp("loaded").toInstant();
            var entry = new LinkedHashMap<String, Object>();
            entry.put("lastLoadedAt", loaded.toString());
            entry.put("ageSeconds", Duration.between(loaded, now).toSeconds());
            var watermark = rs.getString("watermark");
            if (watermark != null) {
                entry.put("completeUpTo", watermark);   // every CRM change saved before this is loaded
            }
            fresh.put(rs.getString("target_table"), entry);
        });
        return fresh;
    }

    /** The last runs' reports, newest first. */
    public List<Map<String, Object>> runs(int limit) {
        return jdbc.query("SELECT id, mode, trigger, status, started_at, finished_at, report::text AS report "
                + "FROM warehouse.etl_run ORDER BY id DESC LIMIT ?", (rs, i) -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("run", rs.getLong("id"));
            m.put("mode", rs.getString("mode"));
            m.put("trigger", rs.getString("trigger"));
            m.put("status", rs.getString("status"));
            m.put("startedAt", rs.getTimestamp("started_at").toInstant().toString());
            var finished = rs.getTimestamp("finished_at");
            m.put("finishedAt", finished == null ? null : finished.toInstant().toString());
            var report = rs.getString("report");
            m.put("report", report == null ? null : Json.read(report));
            return m;
        }, Math.max(1, Math.min(100, limit)));
    }

    // ---------------------------------------------------------------- values

    private static String source(CrmExtract extract) {
        return "crm:" + extract.object();
    }

    /** A CRM value bound so PostgreSQL casts it to the column's type (dates, datetimes, numbers). */
    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.OTHER);
        } else if (value instanceof String s) {
            ps.setObject(index, s, Types.OTHER);
        } else if (value instanceof Number || value instanceof Boolean) {
            ps.setObject(index, value);
        } else {
            ps.setObject(index, String.valueOf(value), Types.OTHER);
        }
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    static Instant parseInstant(String salesforce) {
        return OffsetDateTime.parse(salesforce, SALESFORCE_DATETIME).toInstant();
    }
}
