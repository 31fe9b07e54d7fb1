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
 * members to the CRM when asked, then times the warehouse ETL: a full run, an incremental run with
 * nothing changed, and one after 1 % of the members were edited; for each, the Salesforce calls it
 * made against the org's daily allowance. Never fails on a time. Arguments: [EXTRA, default 0].
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
            for (int i = 0; i < extra; i++) {
                partners.createSObject("Contact", """
                        {"FirstName":"Bench","LastName":"Member %d","Email":"bench-%d@example.org","Member_Number__c":"B%07d",
                         "Membership_Status__c":"Active","Membership_Level__c":"Associate"}""".formatted(i, i, i));
            }
            var client = new BusClient(bus.port());
            print("full", run(client, "full"));
            print("incremental, nothing changed", run(client, "incremental"));
            Thread.sleep(1500); // past the commit lag: a program, not a test
            var ids = partners.soql("SELECT Id FROM Contact WHERE Member_Number__c != null ORDER BY Id LIMIT 2000").path("records");
            int edited = 0;
            for (int i = 0; i < ids.size(); i += 100) {
                partners.updateSObject("Contact", ids.get(i).path("Id").asText(), "{\"Employer__c\":\"Bench Co " + i + "\"}");
                edited++;
            }
            Thread.sleep(1500);
            print("incremental, " + edited + " members edited", run(client, "incremental"));
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }

    private static JsonNode run(BusClient client, String mode) throws Exception {
        var response = client.postAs(BusClient.OPS, "/api/v1/jobs/warehouse-etl/run?mode=" + mode, "");
        if (response.statusCode() != 200) {
            throw new IllegalStateException(mode + " run answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static void print(String what, JsonNode report) {
        var api = report.path("salesforceApi");
        System.out.printf("%-34s %6.1f s  %4d Salesforce calls (%.3f %% of %d a day)  members read %d, written %d%n", what,
                report.path("seconds").asDouble(), api.path("calls").asInt(), api.path("percentOfDailyMax").asDouble(),
                api.path("dailyMax").asLong(), report.at("/tables/warehouse.dim_member/read").asLong(),
                report.at("/tables/warehouse.dim_member/written").asLong());
    }
}
