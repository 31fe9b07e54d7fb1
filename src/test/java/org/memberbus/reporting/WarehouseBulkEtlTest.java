package org.memberbus.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The warehouse ETL's large reads through Bulk API 2.0 query jobs: the test lowers the bulk
 * threshold in its copy of config/warehouse.yaml as staff would, runs the ETL as operators do,
 * and checks what the org's simulator saw (its query jobs) and what arrived in the warehouse.
 */
@SandboxTest
class WarehouseBulkEtlTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;
    @Autowired JdbcTemplate jdbc;
    @Value("${memberbus.warehouse.config-path}") Path config;
    String original;

    @BeforeEach
    void keepConfig() throws Exception {
        original = Files.readString(config);
    }

    @AfterEach
    void restoreConfig() throws Exception {
        write(original);
        partners.salesforceFaults(null);
    }

    /** Staff lower (or raise) the number of records above which a read goes through Bulk API 2.0. */
    void threshold(long records) throws Exception {
        write(original.replaceFirst("threshold: \\d+", "threshold: " + records));
    }

    /** ... and the size of the result sets read one after the other. */
    void threshold(long records, int maxRecords) throws Exception {
        write(original.replaceFirst("threshold: \\d+", "threshold: " + records)
                .replaceFirst("max-records: \\d+", "max-records: " + maxRecords));
    }

    private void write(String text) throws Exception {
        Files.writeString(config, text);
        // the file is read again when its time changes: make sure it does, even within one clock tick
        Files.setLastModifiedTime(config, FileTime.from(Instant.now().plusMillis(counter++)));
    }

    private static long counter = 1;

    JsonNode run(String mode) throws Exception {
        var response = new BusClient(port).postAs(BusClient.OPS, "/api/v1/jobs/warehouse-etl/run?mode=" + mode, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    long crmCount(String soqlFromWhere) {
        return partners.soql("SELECT COUNT() FROM " + soqlFromWhere).path("totalSize").asLong();
    }

    JsonNode bulkJob(String id) {
        return StreamSupport.stream(partners.salesforceSandboxView("bulk-query-jobs").path("jobs").spliterator(), false)
                .filter(j -> j.path("id").asText().equals(id)).findFirst().orElseThrow(
                        () -> new AssertionError("the org has no Bulk API 2.0 query job " + id));
    }

    @Test
    void aLargeReadGoesThroughABulkQueryJobAndItsRowsArrive() throws Exception {
        // sets of 700: 2,000 members come in three, each naming the next one's locator
        threshold(100, 700);
        long membersBefore = crmCount("Contact WHERE Member_Number__c != null");
        long paymentsBefore = crmCount("Payment__c");

        var report = run("full");

        long membersAfter = crmCount("Contact WHERE Member_Number__c != null");
        long paymentsAfter = crmCount("Payment__c");
        for (var table : List.of("warehouse.dim_member", "warehouse.fact_membership_term", "warehouse.fact_payment")) {
            var counts = report.path("tables").path(table);
            assertThat(counts.path("extract").asText()).as(table).isEqualTo("bulk");
            // the org ran the job: queryAll, complete, with as many records as the warehouse read
            var job = bulkJob(counts.path("bulkJob").asText());
            assertThat(job.path("state").asText()).isEqualTo("JobComplete");
            assertThat(job.path("operation").asText()).isEqualTo("queryAll");
            assertThat(job.path("numberRecordsProcessed").asLong()).as(table).isEqualTo(counts.path("read").asLong());
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM warehouse.dim_member WHERE NOT is_deleted", Long.class))
                .isBetween(membersBefore, membersAfter);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM warehouse.fact_payment WHERE NOT is_deleted", Long.class))
                .isBetween(paymentsBefore, paymentsAfter);

        // the values came through the CSV as the CRM holds them: text, dates, numbers
        var sample = partners.soql("SELECT Id, Contact__c, Level__c, End_Date__c, Dues__c, Auto_Renew__c "
                + "FROM Membership__c WHERE Dues__c != null ORDER BY Id LIMIT 1").path("records").get(0);
        var row = jdbc.queryForMap("SELECT member_id, level, end_date::text AS end_date, dues, auto_renew "
                + "FROM warehouse.fact_membership_term WHERE membership_id = ?", sample.path("Id").asText());
        assertThat(row).containsEntry("member_id", sample.path("Contact__c").asText())
                .containsEntry("level", sample.path("Level__c").asText())
                .containsEntry("end_date", sample.path("End_Date__c").asText())
                .containsEntry("auto_renew", sample.path("Auto_Renew__c").asBoolean());
        assertThat((BigDecimal) row.get("dues")).isEqualByComparingTo(BigDecimal.valueOf(sample.path("Dues__c").asDouble()));

        var api = report.path("salesforceApi");
        assertThat(api.path("bulkQueryJobs").asInt()).isEqualTo(3);
        assertThat(api.path("bulkQueryJobsDailyMax").asLong()).isEqualTo(10_000);
        assertThat(api.path("withinBudget").asBoolean()).isTrue();
        System.out.printf("Warehouse full run through Bulk API 2.0: %s s, %s Salesforce calls, %s%n",
                report.path("seconds"), api.path("calls"), report.path("tables"));
    }

    @Test
    void anEditADeleteAndAnUndeleteAppearThroughBulkReadsToo() throws Exception {
        threshold(2);
        var tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        var ids = List.of(payment(tag, 1, 40.0), payment(tag, 2, 50.0), payment(tag, 3, 60.0));
        var report = run("incremental");
        assertThat(report.at("/tables/warehouse.fact_payment/extract").asText()).isEqualTo("bulk");
        assertThat(payment(ids.get(0))).containsEntry("status", "Pending").containsEntry("is_deleted", false);

        // an edit, a delete (to the recycle bin) and another edit: three changes, above the threshold
        partners.updateSObject("Payment__c", ids.get(0), "{\"Status__c\":\"Succeeded\"}");
        partners.deleteSObject("Payment__c", ids.get(1));
        partners.updateSObject("Payment__c", ids.get(2), "{\"Amount__c\":65.25}");
        report = run("incremental");
        assertThat(report.at("/tables/warehouse.fact_payment/extract").asText()).isEqualTo("bulk");
        assertThat(payment(ids.get(0))).containsEntry("status", "Succeeded");
        assertThat(payment(ids.get(1))).containsEntry("is_deleted", true);
        assertThat((BigDecimal) payment(ids.get(2)).get("amount")).isEqualByComparingTo("65.25");
        assertThat(report.at("/tables/warehouse.fact_payment/markedDeleted").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForList("SELECT from_value, to_value FROM warehouse.fact_status_change "
                + "WHERE record_id = ? AND field = 'status' ORDER BY id", ids.get(0)))
                .containsExactly(WarehouseEtlTest.row(null, "Pending"), WarehouseEtlTest.row("Pending", "Succeeded"));

        // an undelete, read by REST this time (the threshold back up)
        write(original);
        partners.salesforceSandbox("undelete/" + ids.get(1), null);
        report = run("incremental");
        assertThat(report.at("/tables/warehouse.fact_payment/extract").asText()).isEqualTo("rest");
        assertThat(payment(ids.get(1))).containsEntry("is_deleted", false);
    }

    @Test
    void aFailedQueryJobFailsTheRunAndTheNextRunReadsAgain() throws Exception {
        threshold(0);
        var tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        var id = payment(tag, 1, 70.0);
        partners.salesforceFaults("{\"bulkJobFailNext\":1}");
        var failed = new BusClient(port).postAs(BusClient.OPS, "/api/v1/jobs/warehouse-etl/run?mode=incremental", "");
        assertThat(failed.statusCode()).isEqualTo(500);
        // the run is marked failed when it ends (which frees the lock)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT status FROM warehouse.etl_run ORDER BY id DESC LIMIT 1", String.class)).isEqualTo("failed"));

        // the lock is free again and nothing was skipped: the next run loads the payment
        run("incremental");
        assertThat(payment(id)).containsEntry("status", "Pending").containsEntry("is_deleted", false);
    }

    private String payment(String tag, int n, double amount) {
        return partners.createSObject("Payment__c", """
                {"Amount__c":%s,"Type__c":"Donation","Status__c":"Pending","Gateway_Payment_Id__c":"pi_bulk_%s_%d"}"""
                .formatted(amount, tag, n));
    }

    private Map<String, Object> payment(String id) {
        return jdbc.queryForMap("SELECT status, amount, is_deleted FROM warehouse.fact_payment WHERE payment_id = ?", id);
    }
}
