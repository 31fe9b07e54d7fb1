package org.memberbus.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.member.reconcile.StandaloneBus;
import org.springframework.util.FileSystemUtils;

/**
 * Benchmark (a program, not a test; bench/warehouse.sh runs it): starts the whole sandbox in this
 * JVM on free ports (the demo association: 2,000 members, their terms and payments), adds EXTRA
 * members to the CRM when asked (the simulator's seed-members: a contact, a term and a payment
 * each, in seconds), then times the warehouse ETL: a full run, an incremental run with nothing
 * changed, and one after 1 % of the members were edited; for each, the Salesforce calls it made
 * against the org's daily allowance, and how each CRM object was read (REST pages, or a Bulk API
 * 2.0 query job above config/warehouse.yaml's threshold). Never fails on a time.
 * Arguments: [EXTRA, default 0].
 */
public final class WarehouseBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int extra = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        var dataDir = Files.createTempDirectory("memberbus-bench");
        var settings = new LinkedHashMap<String, Object>(StandaloneBus.freePorts());
        for (var simulator : List.of("salesforce", "community", "gateway", "accounting", "exams", "marketing", "webinar")) {
            settings.put("sandbox." + simulator + ".port", StandaloneBus.freePort());
        }
        settings.put("sandbox.exams.sftp-port", StandaloneBus.freePort());
        settings.put("memberbus.health.backfill-on-start", "false");
        // the benchmark's incremental runs follow each other within seconds
        settings.put("memberbus.warehouse.commit-lag", "PT1S");
        for (var logger : List.of("root", "org.apache.kafka", "kafka", "org.apache.activemq", "org.apache.camel")) {
            settings.put("logging.level." + logger, "ERROR");
        }
        System.out.printf("memberbus warehouse benchmark: sandbox in process, %d cores, 2,000 demo members + %d%n",
                Runtime.getRuntime().availableProcessors(), extra);
        try (var bus = StandaloneBus.start(dataDir, settings)) {
            var partners = new PartnerProbe("http://localhost:" + settings.get("sandbox.salesforce.port"),
                    "http://localhost:" + settings.get("sandbox.community.port"), null);
            for (int added = 0; added < extra; ) {
                int chunk = Math.min(20_000, extra - added);
                partners.salesforceSandbox("seed-members", "{\"count\":" + chunk + "}");
                added += chunk;
            }
            long members = partners.soql("SELECT COUNT() FROM Contact WHERE Member_Number__c != null").path("totalSize").asLong();
            System.out.printf("CRM: %,d members, %,d terms, %,d payments%n", members,
                    partners.soql("SELECT COUNT() FROM Membership__c").path("totalSize").asLong(),
                    partners.soql("SELECT COUNT() FROM Payment__c").path("totalSize").asLong());
            var client = new BusClient(bus.port());
            print("full", run(client, "full"));
            print("incremental, nothing changed", run(client, "incremental"));
            Thread.sleep(1500); // past the commit lag: a program, not a test
            // 1 % of the members edited by staff (each a REST call and a change event, as in the CRM)
            int toEdit = (int) Math.max(1, members / 100);
            var ids = partners.soql("SELECT Id FROM Contact WHERE Member_Number__c != null ORDER BY Id LIMIT " + toEdit)
                    .path("records");
            int edited = 0;
            for (var id : ids) {
                partners.updateSObject("Contact", id.path("Id").asText(), "{\"Employer__c\":\"Bench Co " + edited + "\"}");
                edited++;
            }
            Thread.sleep(1500);
            print("incremental, " + edited + " members edited", run(client, "incremental"));
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }

    /**
     * Runs the ETL as operators do and answers its report. A long run may outlast the HTTP
     * request (the client's or the server's timeout): then its report is read from the runs API
     * once it is done.
     */
    private static JsonNode run(BusClient client, String mode) throws Exception {
        long before = client.get("/api/v1/warehouse/runs", BusClient.OPS).statusCode() == 200
                ? JSON.readTree(client.get("/api/v1/warehouse/runs", BusClient.OPS).body()).path(0).path("run").asLong() : 0;
        try {
            var response = client.postAs(BusClient.OPS, "/api/v1/jobs/warehouse-etl/run?mode=" + mode, "");
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            System.out.printf("(%s run answered %d; waiting for its report)%n", mode, response.statusCode());
        } catch (RuntimeException e) {
            System.out.printf("(%s run: %s; waiting for its report)%n", mode, e.getMessage());
        }
        while (true) {
            Thread.sleep(2000); // a program, not a test
            var newest = JSON.readTree(client.get("/api/v1/warehouse/runs", BusClient.OPS).body()).path(0);
            if (newest.path("run").asLong() > before && !newest.path("status").asText().equals("running")) {
                if (!newest.path("status").asText().equals("done")) {
                    throw new IllegalStateException(mode + " run ended " + newest.path("status").asText());
                }
                return newest.path("report");
            }
        }
    }

    private static void print(String what, JsonNode report) {
        var api = report.path("salesforceApi");
        var reads = new StringBuilder();
        for (var table : List.of("warehouse.dim_member", "warehouse.fact_membership_term", "warehouse.fact_payment")) {
            var t = report.path("tables").path(table);
            reads.append(String.format("  %s %,d by %s", table.substring("warehouse.".length()), t.path("read").asLong(),
                    t.path("extract").asText("-")));
        }
        System.out.printf("%-34s %7.1f s  %4d Salesforce calls (%.3f %% of %,d a day), %d bulk jobs;%s%n", what,
                report.path("seconds").asDouble(), api.path("calls").asInt(), api.path("percentOfDailyMax").asDouble(),
                api.path("dailyMax").asLong(), api.path("bulkQueryJobs").asInt(), reads);
    }
}
