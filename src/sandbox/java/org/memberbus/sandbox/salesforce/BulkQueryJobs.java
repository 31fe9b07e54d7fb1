package org.memberbus.sandbox.salesforce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Bulk API 2.0 query jobs, as Salesforce runs them: a job is created {@code UploadComplete}, taken
 * up in the background ({@code InProgress}) and ends {@code JobComplete} (or {@code Failed}, or
 * {@code Aborted} by its client); only then are its results read, as CSV in sets of at most
 * {@code maxRecords} rows, each set naming the next one's locator in {@code Sforce-Locator} (the
 * string {@code null} after the last). The query runs against the records as they are when the
 * job is taken up. Jobs are counted per day for DailyBulkV2QueryJobs; the calls themselves are
 * REST calls, counted like any other by the API gate.
 */
final class BulkQueryJobs implements AutoCloseable {

    static final long DAILY_MAX = 10_000;

    enum State { UploadComplete, InProgress, JobComplete, Failed, Aborted;

        boolean terminal() {
            return this == JobComplete || this == Failed || this == Aborted;
        }
    }

    /** One query job: its definition, its state, and once complete its rows. */
    static final class Job {
        final String id;
        final String operation;
        final String object;
        final String query;
        final String createdById;
        final Instant createdDate;
        final String apiVersion;
        final String columnDelimiter;
        final String lineEnding;
        final QueryEngine.Prepared prepared;
        private State state = State.UploadComplete;
        private Instant systemModstamp;
        private long processingMs;
        private String errorMessage;
        private List<String> columns = List.of();
        private List<FieldType> types = List.of();
        private List<List<Object>> rows = List.of();

        private Job(String id, String operation, String query, String createdById, String apiVersion,
                    String columnDelimiter, String lineEnding, QueryEngine.Prepared prepared) {
            this.id = id;
            this.operation = operation;
            this.object = prepared.objectName();
            this.query = query;
            this.createdById = createdById;
            this.createdDate = SalesforceTime.now();
            this.systemModstamp = createdDate;
            this.apiVersion = apiVersion;
            this.columnDelimiter = columnDelimiter;
            this.lineEnding = lineEnding;
            this.prepared = prepared;
        }

        synchronized State state() {
            return state;
        }

        /** The job info Salesforce answers (create, get, abort, list). */
        synchronized Map<String, Object> info(boolean full) {
            var m = new LinkedHashMap<String, Object>();
            m.put("id", id);
            m.put("operation", operation);
            m.put("object", object);
            m.put("createdById", createdById);
            m.put("createdDate", SalesforceTime.rest(createdDate));
            m.put("systemModstamp", SalesforceTime.rest(systemModstamp));
            m.put("state", state.name());
            m.put("concurrencyMode", "Parallel");
            m.put("contentType", "CSV");
            m.put("apiVersion", Double.valueOf(apiVersion));
            if (full) {
                m.put("jobType", "V2Query");
            }
            m.put("lineEnding", lineEnding);
            m.put("columnDelimiter", columnDelimiter);
            if (full) {
                m.put("numberRecordsProcessed", state == State.JobComplete ? rows.size() : 0);
                m.put("retries", 0);
                m.put("totalProcessingTime", processingMs);
                m.put("isPkChunkingSupported", true);
                if (errorMessage != null) {
                    m.put("errorMessage", errorMessage);
                }
            }
            return m;
        }

        private synchronized boolean move(State from, State to) {
            if (state != from) {
                return false;
            }
            state = to;
            systemModstamp = SalesforceTime.now();
            return true;
        }
    }

    /** One set of results: the CSV, its row count and the next set's locator ("null" after the last). */
    record ResultSet(String csv, int records, String nextLocator) {}

    private static final java.time.format.DateTimeFormatter BULK_DATETIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
    private static final Map<String, Character> DELIMITERS = Map.of("COMMA", ',', "TAB", '\t', "PIPE", '|',
            "SEMICOLON", ';', "CARET", '^', "BACKQUOTE", '`');

    private final QueryEngine engine;
    private final SalesforceFaults faults;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "salesforce-bulk-query");
        thread.setDaemon(true);
        return thread;
    });
    private LocalDate day = SalesforceTime.today();
    private long jobsToday;

    BulkQueryJobs(QueryEngine engine, SalesforceFaults faults) {
        this.engine = engine;
        this.faults = faults;
    }

    // ---------------------------------------------------------------- create, read, abort, delete

    /**
     * Creates a job from the request body ({@code operation} query or queryAll, {@code query}, and
     * optionally {@code contentType} CSV, {@code columnDelimiter}, {@code lineEnding}); the query is
     * checked now, so a bad one is refused here, as Salesforce does.
     */
    Job create(Map<String, Object> body, String version, String userId) {
        var operation = text(body.get("operation"));
        if (!"query".equals(operation) && !"queryAll".equals(operation)) {
            throw new ApiException(400, "INVALIDJOB", "InvalidJob : operation must be query or queryAll, not "
                    + operation);
        }
        var soql = text(body.get("query"));
        if (soql == null || soql.isBlank()) {
            throw new ApiException(400, "INVALIDJOB", "InvalidJob : query is required");
        }
        var contentType = text(body.getOrDefault("contentType", "CSV"));
        if (!"CSV".equals(contentType)) {
            throw new ApiException(400, "INVALIDJOB", "InvalidJob : contentType " + contentType
                    + " is not supported for query jobs; use CSV");
        }
        var delimiter = text(body.getOrDefault("columnDelimiter", "COMMA"));
        if (!DELIMITERS.containsKey(delimiter)) {
            throw new ApiException(400, "INVALIDJOB", "InvalidJob : columnDelimiter must be one of "
                    + DELIMITERS.keySet().stream().sorted().toList());
        }
        var lineEnding = text(body.getOrDefault("lineEnding", "LF"));
        if (!"LF".equals(lineEnding) && !"CRLF".equals(lineEnding)) {
            throw new ApiException(400, "INVALIDJOB", "InvalidJob : lineEnding must be LF or CRLF");
        }
        var prepared = engine.prepare(soql);
        var query = prepared.query();
        if (query.count() || query.aggregate()) {
            throw new ApiException(400, "API_ERROR", "FeatureNotEnabled : aggregate functions and GROUP BY are not "
                    + "supported in Bulk API 2.0 query jobs");
        }
        if (query.offset() != null) {
            throw new ApiException(400, "API_ERROR", "FeatureNotEnabled : OFFSET is not supported in Bulk API 2.0 "
                    + "query jobs");
        }
        var id = "750SB" + String.format("%010d", sequence.incrementAndGet()) + "AAA";
        var job = new Job(id, operation, soql, userId, version.substring(1), delimiter, lineEnding, prepared);
        jobs.put(id, job);
        countJob();
        worker.schedule(() -> run(job), faults.bulkQueueMs(), TimeUnit.MILLISECONDS);
        return job;
    }

    Job get(String id) {
        var job = jobs.get(id);
        if (job == null) {
            throw ApiException.notFound();
        }
        return job;
    }

    List<Job> all() {
        return jobs.values().stream().sorted(Comparator.comparing(j -> j.createdDate)).toList();
    }

    /** PATCH {"state":"Aborted"}: only a job not yet ended may be aborted. */
    Job abort(String id, Object requestedState) {
        var job = get(id);
        if (!"Aborted".equals(requestedState)) {
            throw new ApiException(400, "INVALIDJOBSTATE", "InvalidJobState : a query job can only be set to Aborted");
        }
        synchronized (job) {
            if (job.state.terminal()) {
                throw new ApiException(400, "INVALIDJOBSTATE", "InvalidJobState : Aborting already "
                        + job.state + " Job not allowed");
            }
            job.state = State.Aborted;
            job.systemModstamp = SalesforceTime.now();
            job.rows = List.of();
        }
        return job;
    }

    /** DELETE: a job being processed cannot be deleted; its results go with it. */
    void delete(String id) {
        var job = get(id);
        if (job.state() == State.InProgress) {
            throw new ApiException(400, "INVALIDJOBSTATE", "InvalidJobState : a job in progress cannot be deleted; "
                    + "abort it first");
        }
        jobs.remove(id);
    }

    /**
     * A set of a complete job's results: from the row {@code locator} names (the first when null),
     * at most {@code maxRecords} rows (the org's set size when null).
     */
    ResultSet results(String id, String locator, Integer maxRecords) {
        var job = get(id);
        List<List<Object>> rows;
        synchronized (job) {
            if (job.state != State.JobComplete) {
                throw new ApiException(412, "JOB_NOT_COMPLETE", "can only download query results of successfully "
                        + "completed bulk job with status: JOB_COMPLETE. Current status: "
                        + job.state.name().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
            }
            rows = job.rows;
        }
        if (maxRecords != null && maxRecords < 1) {
            throw new ApiException(400, "INVALID_PARAMETER_VALUE", "maxRecords must be a positive number",
                    List.of("maxRecords"));
        }
        int from = locator == null ? 0 : offset(locator, rows.size());
        int size = maxRecords != null ? maxRecords : faults.bulkResultSetSize();
        int to = (int) Math.min(rows.size(), (long) from + size);
        var next = to < rows.size() ? Base64.getEncoder().withoutPadding()
                .encodeToString(String.valueOf(to).getBytes(StandardCharsets.US_ASCII)) : "null";
        return new ResultSet(csv(job, rows.subList(from, to)), to - from, next);
    }

    /** Jobs created today (UTC): DailyBulkV2QueryJobs. */
    synchronized long jobsToday() {
        rollOver();
        return jobsToday;
    }

    synchronized void resetCount() {
        jobsToday = 0;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    // ---------------------------------------------------------------- processing

    /** Takes the job up: InProgress, the query run, then JobComplete (or Failed when told to fail). */
    private void run(Job job) {
        if (!job.move(State.UploadComplete, State.InProgress)) {
            return;   // aborted meanwhile
        }
        long started = System.nanoTime();
        try {
            var includeDeleted = job.operation.equals("queryAll");
            var rows = new ArrayList<List<Object>>();
            for (var record : engine.matches(job.prepared, includeDeleted)) {
                rows.add(engine.values(job.prepared, record));
            }
            long pause = faults.bulkProcessingMs();
            if (pause > 0) {
                Thread.sleep(pause);
            }
            synchronized (job) {
                job.processingMs = (System.nanoTime() - started) / 1_000_000;
                if (job.state != State.InProgress) {
                    return;
                }
                if (faults.bulkJobFailsNow()) {
                    job.state = State.Failed;
                    job.errorMessage = "InternalServerError : the query job failed (injected fault)";
                } else {
                    job.columns = job.prepared.columns();
                    job.types = job.prepared.columnTypes();
                    job.rows = List.copyOf(rows);
                    job.state = State.JobComplete;
                }
                job.systemModstamp = SalesforceTime.now();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            synchronized (job) {
                job.state = State.Failed;
                job.errorMessage = "InternalServerError : " + e.getMessage();
                job.systemModstamp = SalesforceTime.now();
            }
        }
    }

    private static int offset(String locator, int size) {
        try {
            int offset = Integer.parseInt(new String(Base64.getDecoder().decode(locator), StandardCharsets.US_ASCII));
            if (offset >= 0 && offset <= size) {
                return offset;
            }
        } catch (IllegalArgumentException e) {
            // not one of ours: below
        }
        throw new ApiException(400, "INVALID_LOCATOR", "Invalid locator: " + locator, List.of("locator"));
    }

    /** The rows as Salesforce writes them: a header of the fields as queried, every value quoted. */
    private static String csv(Job job, List<List<Object>> rows) {
        var format = CSVFormat.DEFAULT.builder()
                .setDelimiter(DELIMITERS.get(job.columnDelimiter))
                .setRecordSeparator(job.lineEnding.equals("CRLF") ? "\r\n" : "\n")
                .setQuoteMode(QuoteMode.ALL)
                .get();
        var out = new StringBuilder();
        try (var printer = new CSVPrinter(out, format)) {
            printer.printRecord(job.columns);
            var cells = new ArrayList<String>(job.columns.size());
            for (var row : rows) {
                cells.clear();
                for (int i = 0; i < row.size(); i++) {
                    cells.add(cell(job.types.get(i), row.get(i)));
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Empty for null; numbers without exponent; date-times in UTC with Z, as Bulk API results carry them. */
    private static String cell(FieldType type, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).toPlainString();
        }
        if (type == FieldType.DATETIME && value instanceof String s) {
            return BULK_DATETIME.format(SalesforceTime.parseDateTime(s));
        }
        return String.valueOf(value);
    }

    private synchronized void countJob() {
        rollOver();
        jobsToday++;
    }

    private void rollOver() {
        var today = SalesforceTime.today();
        if (!today.equals(day)) {
            day = today;
            jobsToday = 0;
        }
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
