package org.memberbus.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memberbus.HeyLoad;
import org.memberbus.PartnerProbe;
import org.memberbus.member.reconcile.StandaloneBus;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.memberbus.sandbox.demo.Grade;
import org.memberbus.sandbox.demo.Standing;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Benchmark (a program, not a test; bench/access.sh runs it): starts the whole sandbox in this JVM
 * on free ports (loopback), waits until its start-up health backfill is done and the access view
 * has caught up with the CRM's change stream, then prints
 * <ul>
 * <li>the decisions API under load from a real load tool, {@code hey} (its own process, 4 workers
 *     per member for 4 members, each held to a rate so the total is the target rate): p50, p99, max
 *     and the count of answers other than 200, computed from hey's per-request CSV;</li>
 * <li>the staleness after a CRM change: N status changes (lapse, then renewal, on a rotating set of
 *     members) made by staff through Salesforce's REST API, each timed until the decisions API's
 *     answer for premium content changes (polled every 5 ms); p50, p95, max.</li>
 * </ul>
 * Never fails on a time. Arguments: [rate per second, default 500] [seconds, default 60] [changes, default 300].
 */
public final class AccessBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The community's API key in the sandbox (a configured user's bcrypt password is far too slow per call). */
    private static final String API_KEY = "community-client-sandbox-key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int changes = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        var dataDir = Files.createTempDirectory("memberbus-bench");
        var settings = new LinkedHashMap<String, Object>(StandaloneBus.freePorts());
        for (var simulator : List.of("salesforce", "community", "gateway", "accounting", "exams", "marketing", "webinar")) {
            settings.put("sandbox." + simulator + ".port", StandaloneBus.freePort());
        }
        settings.put("sandbox.exams.sftp-port", StandaloneBus.freePort());
        for (var logger : List.of("root", "org.apache.kafka", "kafka", "org.apache.activemq", "org.apache.camel")) {
            settings.put("logging.level." + logger, "ERROR");
        }
        System.out.printf("memberbus access benchmark: sandbox in process, %d cores, %d requests/s for %d s, %d changes%n",
                Runtime.getRuntime().availableProcessors(), rate, seconds, changes);
        try (var bus = StandaloneBus.start(dataDir, settings)) {
            var url = "http://localhost:" + bus.port() + "/api/v1/access/decisions";
            var partners = new PartnerProbe("http://localhost:" + settings.get("sandbox.salesforce.port"),
                    "http://localhost:" + settings.get("sandbox.community.port"), null);
            var jdbc = bus.bean(JdbcTemplate.class);
            var views = bus.bean(MemberViews.class);
            long wait = System.nanoTime();
            while (jdbc.queryForObject("select count(*) from health_job_run where job = 'backfill'", Integer.class) == 0) {
                Thread.sleep(500);
            }
            var members = DemoAssociation.generate(LocalDate.now()).members().stream()
                    .filter(m -> m.status() == Standing.ACTIVE && m.level() == Grade.PROFESSIONAL
                            && m.endDate().isAfter(LocalDate.now().plusDays(45)))
                    .toList();
            // a change now, seen: the stream has caught up with the backfill's 2,000 score writes
            staleness(List.of(members.get(members.size() - 1)), 2, url, partners, false);
            System.out.printf("sandbox settled (backfill done, change stream caught up) after %.1f s; view holds replay %d%n",
                    (System.nanoTime() - wait) / 1e9, views.lastReplayId());
            load(url, members.subList(0, 4), rate, 10, "warm-up");
            load(url, members.subList(0, 1), 0, 10, "one client back to back (the service time, no queueing)");
            // what the sandbox spends with no request (its own jobs, Kafka, simulators), to take off
            var idle = Machine.now();
            Thread.sleep(10_000);
            var idleCores = Machine.now().cores(idle);
            var before = Machine.now();
            int answered = load(url, members.subList(0, 4), rate, seconds, "measured");
            var after = Machine.now();
            System.out.println("  during it: " + after.since(before));
            System.out.printf("  CPU per answer: %.2f ms (the JVM's CPU time over the run, less %.2f cores it uses idle)%n",
                    (after.cores(before) - idleCores) * seconds * 1000 / Math.max(1, answered), idleCores);
            staleness(members.subList(10, 40), changes, url, partners, true);
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
        System.exit(0); // the embedded parts leave non-daemon threads behind
    }

    /** {@code hey} per member at rate/4 requests a second, together (HeyLoad). */
    private static int load(String url, List<DemoMember> members, int rate, int seconds, String label) throws Exception {
        int workers = rate == 0 ? 1 : 4;
        var requests = members.stream().map(member -> HeyLoad.Request.postJson(url, "{\"memberId\": \""
                + member.crmContactId() + "\", \"requests\": ["
                + "{\"action\": \"view\", \"resource\": \"content/premium-salary-survey\"},"
                + "{\"action\": \"post\", \"resource\": \"forum/general\"},"
                + "{\"action\": \"join\", \"resource\": \"group/early-career\"},"
                + "{\"action\": \"broadcast\", \"resource\": \"segment/all-members\"}]}", Map.of("X-Api-Key", API_KEY)))
                .toList();
        var result = HeyLoad.run(requests, workers, (double) rate / members.size() / workers, seconds);
        System.out.printf("decisions API, %s: %d requests in %d s (%.0f/s), not 200: %d; p50 %.2f ms, p90 %.2f ms,"
                        + " p99 %.2f ms, max %.2f ms%n",
                label, result.count(), seconds, result.perSecond(), result.notOk(),
                result.percentile(50), result.percentile(90), result.percentile(99), result.max());
        return result.count();
    }

    /** Status changes made in the CRM, each timed until the decision on premium content changes. */
    private static void staleness(List<DemoMember> members, int changes, String url, PartnerProbe partners, boolean print)
            throws Exception {
        var lapsed = new java.util.HashSet<String>();
        var times = new ArrayList<Double>();
        int missed = 0;
        for (var member : members) {
            allowed(url, member.crmContactId()); // first sight: read from the CRM once
        }
        for (int i = 0; i < changes; i++) {
            var member = members.get(i % members.size());
            var id = member.crmContactId();
            boolean lapse = lapsed.add(id);
            if (!lapse) {
                lapsed.remove(id);
            }
            long start = System.nanoTime();
            partners.updateSObject("Contact", id, "{\"Membership_Status__c\": \"" + (lapse ? "Lapsed" : "Active") + "\"}");
            long deadline = start + Duration.ofSeconds(120).toNanos();
            while (allowed(url, id) == lapse) {
                if (System.nanoTime() > deadline) {
                    missed++;
                    break;
                }
                Thread.sleep(5);
            }
            times.add((System.nanoTime() - start) / 1e6);
        }
        for (var id : lapsed) {
            partners.updateSObject("Contact", id, "{\"Membership_Status__c\": \"Active\"}");
        }
        if (print) {
            Collections.sort(times);
            System.out.printf("staleness after a CRM change (%d changes, %d members, not seen within 120 s: %d):"
                            + " p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", changes, members.size(), missed,
                    percentile(times, 50), percentile(times, 95), times.get(times.size() - 1));
        }
    }

    private static boolean allowed(String url, String memberId) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("X-Api-Key", API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"memberId\": \"" + memberId
                        + "\", \"requests\": [{\"action\": \"view\", \"resource\": \"content/premium-salary-survey\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("decisions").get(0).path("allowed").asBoolean();
    }

    /**
     * What else the machine and this JVM did meanwhile, to read a tail latency by: the load average
     * (the machine is shared), this JVM's CPU time and its garbage collections (count, total and
     * longest pause are not all exposed; the total time is).
     */
    private record Machine(long at, long cpuNanos, long gcCount, long gcMillis) {
        static Machine now() {
            long count = 0;
            long millis = 0;
            for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
            return new Machine(System.nanoTime(), cpu, count, millis);
        }

        double cores(Machine before) {
            return (cpuNanos - before.cpuNanos) / (double) (at - before.at);
        }

        String since(Machine before) {
            double seconds = (at - before.at) / 1e9;
            return String.format("load average %.1f on %d cores; the sandbox JVM used %.2f cores; %d garbage collections, %d ms in all",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors(), (cpuNanos - before.cpuNanos) / 1e9 / seconds,
                    gcCount - before.gcCount, gcMillis - before.gcMillis);
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
