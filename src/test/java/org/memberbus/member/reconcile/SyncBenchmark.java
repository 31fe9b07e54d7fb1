package org.memberbus.member.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.sandbox.demo.Grade;
import org.memberbus.sandbox.demo.Standing;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.springframework.util.FileSystemUtils;

/**
 * Benchmark (a program, not a test; bench/sync.sh runs it): starts the whole sandbox in this JVM
 * on free ports and prints
 * <ul>
 * <li>what the member reconciliation of the 2,000 demo members costs: time and Salesforce API calls
 *     (the org's own counter, {@code /__sandbox/api-calls}, before and after), on the first run
 *     (every member new to the ledger) and on a second one (nothing left to repair);</li>
 * <li>the CRM-to-community sync lag: N membership-level changes made by staff through Salesforce's
 *     REST API, each timed until the community account holds the new level (polled); p50, p95, max.</li>
 * </ul>
 * Never fails on a time. Arguments: [number of changes, default 50].
 */
public final class SyncBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        var dataDir = Files.createTempDirectory("memberbus-bench");
        var settings = new java.util.LinkedHashMap<String, Object>(StandaloneBus.freePorts());
        for (var simulator : List.of("salesforce", "community", "gateway", "accounting", "exams", "marketing", "webinar")) {
            settings.put("sandbox." + simulator + ".port", StandaloneBus.freePort());
        }
        settings.put("sandbox.exams.sftp-port", StandaloneBus.freePort());
        for (var logger : List.of("root", "org.apache.kafka", "kafka", "org.apache.activemq", "org.apache.camel")) {
            settings.put("logging.level." + logger, "ERROR");
        }
        System.out.printf("memberbus sync benchmark: sandbox in process, %d cores, %d changes%n",
                Runtime.getRuntime().availableProcessors(), changes);
        long start = System.nanoTime();
        try (var bus = StandaloneBus.start(dataDir, settings)) {
            System.out.printf("bus ready in %.1f s%n", seconds(System.nanoTime() - start));
            var partners = new PartnerProbe("http://localhost:" + settings.get("sandbox.salesforce.port"),
                    "http://localhost:" + settings.get("sandbox.community.port"), null);
            var client = "http://localhost:" + bus.port();
            var brokers = bus.environment().getProperty("memberbus.kafka.brokers");

            reconcile("first run, every member new to the ledger", client, partners);
            quiet(bus, brokers);
            reconcile("second run, nothing left to repair    ", client, partners);
            quiet(bus, brokers);
            lag(changes, partners);
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
        System.exit(0); // the embedded parts leave non-daemon threads behind
    }

    private static void reconcile(String label, String client, PartnerProbe partners) throws Exception {
        long calls = partners.salesforceApiCalls();
        long start = System.nanoTime();
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(client + "/api/v1/jobs/reconciliation/run"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(BusClient.OPS.getBytes()))
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        long spent = partners.salesforceApiCalls() - calls;
        if (response.statusCode() != 200) {
            System.out.printf("reconciliation (%s): HTTP %d %s%n", label.trim(), response.statusCode(), response.body());
            return;
        }
        JsonNode report = JSON.readTree(response.body());
        System.out.printf("reconciliation, %s: %5.1f s, Salesforce API calls %3d (report: %d), members %d compared, "
                        + "%d repaired, CRM %d updated%n", label, seconds(took), spent, report.at("/apiCalls/salesforce").asInt(),
                report.at("/members/compared").asInt(), report.path("membersRepaired").asInt(),
                report.at("/writes/crmUpdated").asInt());
    }

    /** The CRM-to-community lag of {@code changes} level changes, one after another. */
    private static void lag(int changes, PartnerProbe partners) throws Exception {
        var members = DemoAssociation.generate(LocalDate.now()).members().stream()
                .filter(m -> m.status() == Standing.ACTIVE && m.level() != Grade.FELLOW).toList();
        var levels = new java.util.HashMap<String, Grade>();
        var lags = new ArrayList<Long>();
        for (int i = 0; i < changes; i++) {
            DemoMember member = members.get(i % members.size());
            var level = next(levels.getOrDefault(member.crmContactId(), member.level()));
            levels.put(member.crmContactId(), level);
            long start = System.nanoTime();
            partners.updateSObject("Contact", member.crmContactId(),
                    "{\"Membership_Level__c\":\"" + level.name().charAt(0) + level.name().substring(1).toLowerCase() + "\"}");
            long deadline = start + Duration.ofSeconds(60).toNanos();
            while (!partners.communityAccount(member.communityId()).path("level").asText().equals(level.name())) {
                if (System.nanoTime() > deadline) {
                    System.out.printf("change %d (%s): not on the community after 60 s%n", i, member.memberNumber());
                    break;
                }
                Thread.sleep(10);
            }
            lags.add(System.nanoTime() - start);
        }
        Collections.sort(lags);
        System.out.printf("CRM -> community lag over %d changes: p50 %d ms, p95 %d ms, max %d ms (target: under 5 s)%n",
                lags.size(), millis(percentile(lags, 50)), millis(percentile(lags, 95)), millis(lags.get(lags.size() - 1)));
    }

    /** Waits until the bus has taken in every CRM change event (its own writes' echoes too). */
    private static void quiet(StandaloneBus bus, String brokers) throws Exception {
        var camel = bus.bean(CamelContext.class);
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        long start = System.nanoTime();
        try (var admin = AdminClient.create(props)) {
            int quietFor = 0;
            while (quietFor < 3 && System.nanoTime() - start < Duration.ofMinutes(3).toNanos()) {
                Thread.sleep(1000);
                quietFor = lag(admin) == 0 && camel.getInflightRepository().size() == 0 ? quietFor + 1 : 0;
            }
        }
        System.out.printf("  (bus idle again after %.1f s)%n", seconds(System.nanoTime() - start));
    }

    private static long lag(AdminClient admin) throws Exception {
        var committed = admin.listConsumerGroupOffsets("memberbus-member-sync-crm").partitionsToOffsetAndMetadata().get();
        var crm = committed.keySet().stream().filter(p -> p.topic().equals("crm.changes")).toList();
        if (crm.isEmpty()) {
            return 0;
        }
        var request = new java.util.HashMap<org.apache.kafka.common.TopicPartition, OffsetSpec>();
        crm.forEach(p -> request.put(p, OffsetSpec.latest()));
        var ends = admin.listOffsets(request).all().get();
        return crm.stream().mapToLong(p -> ends.get(p).offset() - committed.get(p).offset()).sum();
    }

    private static Grade next(Grade level) {
        var levels = List.of(Grade.STUDENT, Grade.ASSOCIATE, Grade.PROFESSIONAL);
        return levels.get((levels.indexOf(level) + 1) % levels.size());
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private SyncBenchmark() {}
}
