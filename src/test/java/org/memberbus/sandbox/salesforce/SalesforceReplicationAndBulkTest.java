package org.memberbus.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memberbus.sandbox.SimulatorHost;
import org.springframework.core.env.StandardEnvironment;

/**
 * What the warehouse ETL uses of the org, as Salesforce documents it: getUpdated / getDeleted
 * over REST, SOQL aggregates, field names without regard to case, and Bulk API 2.0 query jobs
 * driven by the real camel-salesforce component (create, poll, results paged by locator), with
 * their error answers; plain HTTP where the exact wire shape is the point.
 */
class SalesforceReplicationAndBulkTest {

    private static SimulatorHost host;
    private static SalesforceSandboxClient sandbox;
    private static CamelContext camel;
    private static ProducerTemplate template;
    private static String token;

    @BeforeAll
    static void start() {
        host = SimulatorHost.start("salesforce", 0, new StandardEnvironment(), SalesforceSimulator.class);
        sandbox = new SalesforceSandboxClient(host.port());
        camel = SalesforceSandboxClient.camel(host.port());
        camel.start();
        template = camel.createProducerTemplate();
        token = sandbox.login();
    }

    @AfterAll
    static void stop() {
        camel.stop();
        host.close();
    }

    @AfterEach
    void clearFaults() {
        sandbox.clearFaults();
    }

    private static SalesforceSandboxClient.Response get(String path) {
        return sandbox.send("GET", path, token, null);
    }

    private static String enc(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }

    private static String createPayment(double amount) {
        var response = sandbox.send("POST", "/services/data/v56.0/sobjects/Payment__c", token,
                Map.of("Amount__c", amount, "Type__c", "Donation", "Status__c", "Pending"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    private static Map<String, Object> error(SalesforceSandboxClient.Response response) {
        var errors = response.jsonArray();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).containsKeys("message", "errorCode");
        return errors.get(0);
    }

    private static long count(String soql) {
        var response = get("/services/data/v56.0/queryAll?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return ((Number) response.json().get("totalSize")).longValue();
    }

    // ---------------------------------------------------------------- getUpdated, getDeleted

    @Test
    void updatedAndDeletedListWhatChangedInTheSpan() {
        var start = Instant.now().minus(1, ChronoUnit.MINUTES);
        var created = createPayment(10);
        var edited = createPayment(20);
        var deleted = createPayment(30);
        assertThat(sandbox.send("PATCH", "/services/data/v56.0/sobjects/Payment__c/" + edited, token,
                Map.of("Status__c", "Succeeded")).status()).isEqualTo(204);
        assertThat(sandbox.send("DELETE", "/services/data/v56.0/sobjects/Payment__c/" + deleted, token, null).status())
                .isEqualTo(204);
        var end = Instant.now().plus(1, ChronoUnit.HOURS);

        var updated = get("/services/data/v56.0/sobjects/Payment__c/updated/?start=" + enc(start) + "&end=" + enc(end));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        var ids = (List<String>) updated.json().get("ids");
        assertThat(ids).contains(created, edited).doesNotContain(deleted);
        // the demo data was saved a day ago: not in the span
        assertThat(ids).noneMatch(id -> id.contains("DM"));
        var latest = Instant.parse(((String) updated.json().get("latestDateCovered")).replace("+0000", "Z"));
        assertThat(latest).isBefore(end).isAfterOrEqualTo(start);

        var gone = get("/services/data/v56.0/sobjects/Payment__c/deleted/?start=" + enc(start) + "&end=" + enc(end)).json();
        @SuppressWarnings("unchecked")
        var records = (List<Map<String, Object>>) gone.get("deletedRecords");
        assertThat(records).extracting(r -> r.get("id")).containsExactly(deleted);
        assertThat((String) records.get(0).get("deletedDate")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        assertThat(gone).containsKeys("earliestDateAvailable", "latestDateCovered");

        // emptied from the recycle bin: getDeleted and queryAll no longer see it, earliestDateAvailable moves on
        sandbox.send("POST", "/__sandbox/purge/" + deleted, null, null);
        var after = get("/services/data/v56.0/sobjects/Payment__c/deleted?start=" + enc(start) + "&end=" + enc(end)).json();
        assertThat((List<?>) after.get("deletedRecords")).isEmpty();
        assertThat((String) after.get("earliestDateAvailable")).isGreaterThan((String) gone.get("earliestDateAvailable"));
        assertThat(count("SELECT COUNT() FROM Payment__c WHERE Id = '" + deleted + "'")).isZero();
    }

    @Test
    void replicationRefusesSpansSalesforceRefuses() {
        var now = Instant.now();
        var tooOld = get("/services/data/v56.0/sobjects/Contact/updated?start=" + enc(now.minus(40, ChronoUnit.DAYS))
                + "&end=" + enc(now));
        assertThat(tooOld.status()).isEqualTo(400);
        assertThat(error(tooOld)).containsEntry("errorCode", "INVALID_REPLICATION_DATE");

        var backwards = get("/services/data/v56.0/sobjects/Contact/deleted?start=" + enc(now) + "&end="
                + enc(now.minus(1, ChronoUnit.HOURS)));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(error(backwards)).containsEntry("errorCode", "INVALID_REPLICATION_DATE");

        // seconds are ignored: a span within one minute is empty, so refused
        var sameMinute = now.truncatedTo(ChronoUnit.MINUTES);
        var empty = get("/services/data/v56.0/sobjects/Contact/updated?start=" + enc(sameMinute.plusSeconds(1))
                + "&end=" + enc(sameMinute.plusSeconds(50)));
        assertThat(error(empty)).containsEntry("errorCode", "INVALID_REPLICATION_DATE");

        var missing = get("/services/data/v56.0/sobjects/Contact/updated?start=" + enc(now));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(error(missing)).containsEntry("errorCode", "MISSING_ARGUMENT");

        // an unencoded + offset reaches the server as a space
        var unencoded = get("/services/data/v56.0/sobjects/Contact/updated?start=2026-01-01T00:00:00+00:00&end="
                + enc(now));
        assertThat(unencoded.status()).isEqualTo(400);

        var unknownType = get("/services/data/v56.0/sobjects/Nothing__c/updated?start=" + enc(now.minusSeconds(600))
                + "&end=" + enc(now));
        assertThat(unknownType.status()).isEqualTo(404);
        assertThat(error(unknownType)).containsEntry("errorCode", "NOT_FOUND");
    }

    // ---------------------------------------------------------------- SOQL aggregates, case

    @Test
    void aggregatesGroupAndCountAsSalesforceDoes() {
        long members = count("SELECT COUNT() FROM Contact WHERE Member_Number__c != null");
        long active = count("SELECT COUNT() FROM Contact WHERE Member_Number__c != null AND Membership_Status__c = 'Active'");
        var byStatus = get("/services/data/v56.0/query?q=" + URLEncoder.encode("SELECT Membership_Status__c, COUNT(Id) n "
                + "FROM Contact WHERE Member_Number__c != null GROUP BY Membership_Status__c ORDER BY Membership_Status__c",
                StandardCharsets.UTF_8)).json();
        @SuppressWarnings("unchecked")
        var rows = (List<Map<String, Object>>) byStatus.get("records");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("attributes")).isEqualTo(Map.of("type", "AggregateResult")));
        assertThat(rows.stream().mapToLong(r -> ((Number) r.get("n")).longValue()).sum()).isEqualTo(members);
        assertThat(rows).filteredOn(r -> "Active".equals(r.get("Membership_Status__c")))
                .singleElement().satisfies(r -> assertThat(((Number) r.get("n")).longValue()).isEqualTo(active));
        assertThat(rows).extracting(r -> (String) r.get("Membership_Status__c")).isSorted();
        assertThat(byStatus).containsEntry("done", true).containsEntry("totalSize", rows.size());

        // without GROUP BY: one row, unnamed aggregates are expr0, expr1, ...
        var totals = get("/services/data/v56.0/query?q=" + URLEncoder.encode(
                "SELECT SUM(Amount__c), COUNT_DISTINCT(Contact__c), max(paid_at__c) latest FROM Payment__c "
                        + "WHERE Status__c = 'Succeeded'", StandardCharsets.UTF_8)).json();
        @SuppressWarnings("unchecked")
        var row = ((List<Map<String, Object>>) totals.get("records")).get(0);
        assertThat(((Number) row.get("expr0")).doubleValue()).isPositive();
        assertThat(((Number) row.get("expr1")).longValue()).isPositive().isLessThanOrEqualTo(members);
        assertThat((String) row.get("latest")).endsWith("+0000");

        var ungrouped = get("/services/data/v56.0/query?q=" + URLEncoder.encode(
                "SELECT LastName, COUNT(Id) FROM Contact GROUP BY Membership_Status__c", StandardCharsets.UTF_8));
        assertThat(ungrouped.status()).isEqualTo(400);
        assertThat(error(ungrouped)).containsEntry("errorCode", "MALFORMED_QUERY");
        assertThat((String) error(ungrouped).get("message")).contains("LastName");
        var sumOfText = get("/services/data/v56.0/query?q=" + URLEncoder.encode("SELECT SUM(LastName) FROM Contact",
                StandardCharsets.UTF_8));
        assertThat(error(sumOfText)).containsEntry("errorCode", "MALFORMED_QUERY");
    }

    @Test
    void fieldAndObjectNamesIgnoreCaseInSoqlAndInBodies() {
        var answer = get("/services/data/v56.0/query?q=" + URLEncoder.encode(
                "select lastname, MEMBER_NUMBER__C, account.name from contact where membership_status__c = 'Active' "
                        + "and member_number__c != null order by member_number__c limit 1", StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        var record = ((List<Map<String, Object>>) answer.json().get("records")).get(0);
        // answered as the schema spells them
        assertThat(record).containsKeys("LastName", "Member_Number__c", "Account").doesNotContainKey("lastname");
        assertThat(((Map<?, ?>) record.get("attributes")).get("type")).isEqualTo("Contact");

        var created = sandbox.send("POST", "/services/data/v56.0/sobjects/payment__C", token,
                Map.of("AMOUNT__C", 12.5, "type__c", "Donation", "Status__C", "Pending"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var id = (String) created.json().get("id");
        assertThat(sandbox.send("PATCH", "/services/data/v56.0/sobjects/PAYMENT__C/" + id, token,
                Map.of("status__c", "Succeeded")).status()).isEqualTo(204);
        var read = get("/services/data/v56.0/sobjects/Payment__c/" + id + "?fields=amount__c,STATUS__C").json();
        assertThat(read).containsEntry("Amount__c", 12.5).containsEntry("Status__c", "Succeeded");
    }

    // ---------------------------------------------------------------- Bulk API 2.0 query jobs

    private static QueryJob queryJob(OperationEnum operation, String soql) {
        var job = new QueryJob();
        job.setOperation(operation);
        job.setQuery(soql);
        return job;
    }

    private static QueryJob awaitComplete(String jobId) {
        var done = new QueryJob[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            done[0] = template.requestBodyAndHeader("salesforce:bulk2GetQueryJob", null, "jobId", jobId, QueryJob.class);
            return done[0].getState() == JobStateEnum.JOB_COMPLETE;
        });
        return done[0];
    }

    private static List<CSVRecord> parse(String csv) throws Exception {
        try (var parser = CSVParser.parse(new StringReader(csv),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(parser.getHeaderNames()).containsExactly("Id", "LastName", "IsDeleted", "SystemModstamp",
                    "Membership_Dues__c");
            return parser.getRecords();
        }
    }

    @Test
    void aBulkQueryJobRunsAndItsResultsArePagedByLocator() throws Exception {
        var deleted = sandbox.send("POST", "/services/data/v56.0/sobjects/Contact", token,
                Map.of("LastName", "Bulk Deleted", "Member_Number__c", "BULK-DEL-1")).json().get("id");
        sandbox.send("DELETE", "/services/data/v56.0/sobjects/Contact/" + deleted, token, null);
        var soql = "SELECT Id, LastName, IsDeleted, SystemModstamp, Membership_Dues__c FROM Contact "
                + "WHERE Member_Number__c != null";
        long expected = count("SELECT COUNT() FROM Contact WHERE Member_Number__c != null");
        long jobsLeft = jobsRemaining();
        long callsBefore = sandbox.apiCalls();

        var created = template.requestBody("salesforce:bulk2CreateQueryJob", queryJob(OperationEnum.QUERY_ALL, soql),
                QueryJob.class);
        assertThat(created.getState()).isEqualTo(JobStateEnum.UPLOAD_COMPLETE);
        assertThat(created.getObject()).isEqualTo("Contact");
        assertThat(created.getId()).startsWith("750");
        var complete = awaitComplete(created.getId());
        assertThat(complete.getNumberRecordsProcessed()).isEqualTo(expected);

        // sets of at most 700, each naming the next; "null" after the last
        var ids = new HashSet<String>();
        var rows = new ArrayList<CSVRecord>();
        String locator = null;
        int sets = 0;
        do {
            final var next = locator;
            var exchange = template.request("salesforce:bulk2GetQueryJobResults", e -> {
                e.getMessage().setHeader("jobId", created.getId());
                e.getMessage().setHeader("maxRecords", 700);
                if (next != null) {
                    e.getMessage().setHeader("locator", next);
                }
            });
            assertThat(exchange.getException()).isNull();
            var csv = new String(exchange.getMessage().getBody(InputStream.class).readAllBytes(), StandardCharsets.UTF_8);
            var set = parse(csv);
            assertThat(exchange.getMessage().getHeader("Sforce-NumberOfRecords", Integer.class)).isEqualTo(set.size());
            assertThat(set.size()).isLessThanOrEqualTo(700);
            rows.addAll(set);
            set.forEach(r -> ids.add(r.get("Id")));
            locator = exchange.getMessage().getHeader("Sforce-Locator", String.class);
            sets++;
        } while (!"null".equals(locator));
        assertThat(rows).hasSize((int) expected);
        assertThat(ids).hasSize((int) expected);
        assertThat(sets).isEqualTo((int) ((expected + 699) / 700));
        // queryAll: the deleted contact is there, marked; values as Bulk API writes them
        assertThat(rows).filteredOn(r -> r.get("Id").equals(deleted)).singleElement()
                .satisfies(r -> assertThat(r.get("IsDeleted")).isEqualTo("true"));
        assertThat(rows.get(0).get("SystemModstamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        // every call counted as an API request, the job against DailyBulkV2QueryJobs
        assertThat(sandbox.apiCalls() - callsBefore).isGreaterThanOrEqualTo(2 + sets);
        assertThat(jobsRemaining()).isEqualTo(jobsLeft - 1);
    }

    @SuppressWarnings("unchecked")
    private static long jobsRemaining() {
        var limits = get("/services/data/v56.0/limits").json();
        return ((Number) ((Map<String, Object>) limits.get("DailyBulkV2QueryJobs")).get("Remaining")).longValue();
    }

    @Test
    void bulkQueryJobsAnswerSalesforcesErrors() {
        // results asked for before the job is done
        sandbox.faults(Map.of("bulkQueueMs", 5000));
        var job = sandbox.send("POST", "/services/data/v56.0/jobs/query", token,
                Map.of("operation", "query", "query", "SELECT Id FROM Contact")).json();
        assertThat(job).containsEntry("state", "UploadComplete").containsEntry("contentType", "CSV")
                .containsEntry("columnDelimiter", "COMMA").containsEntry("lineEnding", "LF");
        var early = get("/services/data/v56.0/jobs/query/" + job.get("id") + "/results");
        assertThat(early.status()).isEqualTo(412);
        assertThat(error(early)).containsEntry("errorCode", "JOB_NOT_COMPLETE");

        // aborted while waiting; a second abort is refused; deleted, it is gone
        var aborted = sandbox.send("PATCH", "/services/data/v56.0/jobs/query/" + job.get("id"), token,
                Map.of("state", "Aborted"));
        assertThat(aborted.json()).containsEntry("state", "Aborted");
        var again = sandbox.send("PATCH", "/services/data/v56.0/jobs/query/" + job.get("id"), token,
                Map.of("state", "Aborted"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(error(again)).containsEntry("errorCode", "INVALIDJOBSTATE");
        assertThat(sandbox.send("DELETE", "/services/data/v56.0/jobs/query/" + job.get("id"), token, null).status())
                .isEqualTo(204);
        var gone = get("/services/data/v56.0/jobs/query/" + job.get("id"));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(error(gone)).containsEntry("errorCode", "NOT_FOUND");
        sandbox.clearFaults();

        // what Bulk API 2.0 does not run, and bad SOQL, are refused when the job is created
        var aggregate = sandbox.send("POST", "/services/data/v56.0/jobs/query", token,
                Map.of("operation", "query", "query", "SELECT COUNT() FROM Contact"));
        assertThat(aggregate.status()).isEqualTo(400);
        assertThat(error(aggregate)).containsEntry("errorCode", "API_ERROR");
        var badField = sandbox.send("POST", "/services/data/v56.0/jobs/query", token,
                Map.of("operation", "query", "query", "SELECT Nothing__c FROM Contact"));
        assertThat(error(badField)).containsEntry("errorCode", "INVALID_FIELD");
        var badOperation = sandbox.send("POST", "/services/data/v56.0/jobs/query", token,
                Map.of("operation", "upsert", "query", "SELECT Id FROM Contact"));
        assertThat(error(badOperation)).containsEntry("errorCode", "INVALIDJOB");

        // a job the org fails: Failed with its reason, and camel-salesforce sees it so
        sandbox.faults(Map.of("bulkJobFailNext", 1));
        var failing = template.requestBody("salesforce:bulk2CreateQueryJob",
                queryJob(OperationEnum.QUERY, "SELECT Id FROM Contact"), QueryJob.class);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> template
                .requestBodyAndHeader("salesforce:bulk2GetQueryJob", null, "jobId", failing.getId(), QueryJob.class)
                .getState() == JobStateEnum.FAILED);
        assertThat(get("/services/data/v56.0/jobs/query/" + failing.getId()).json())
                .containsEntry("state", "Failed").containsKey("errorMessage");

        // a locator that is not one of the job's
        var ok = template.requestBody("salesforce:bulk2CreateQueryJob",
                queryJob(OperationEnum.QUERY, "SELECT Id FROM Account"), QueryJob.class);
        awaitComplete(ok.getId());
        var badLocator = get("/services/data/v56.0/jobs/query/" + ok.getId() + "/results?locator=bm9wZQ");
        assertThat(badLocator.status()).isEqualTo(400);
        assertThat(error(badLocator)).containsEntry("errorCode", "INVALID_LOCATOR");

        // the API gate stands before Bulk API 2.0 too: over the limit, REQUEST_LIMIT_EXCEEDED
        sandbox.faults(Map.of("rateLimitNext", 1));
        try {
            template.requestBody("salesforce:bulk2CreateQueryJob", queryJob(OperationEnum.QUERY, "SELECT Id FROM Account"),
                    QueryJob.class);
            throw new AssertionError("expected REQUEST_LIMIT_EXCEEDED");
        } catch (CamelExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(SalesforceException.class);
            assertThat(((SalesforceException) e.getCause()).getStatusCode()).isEqualTo(403);
        }
    }
}
