package org.memberbus.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.memberbus.HeyLoad;
import org.memberbus.PartnerProbe;
import org.memberbus.member.reconcile.StandaloneBus;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.springframework.util.FileSystemUtils;

/**
 * Benchmark (a program, not a test; bench/events.sh runs it): starts the whole sandbox in this JVM
 * on free ports and prints
 * <ul>
 * <li>the offer API under load: hey (its own process) at RATE requests a second for SECONDS on four
 *     offers (active, lapsed, guest, active), with the community's API key; p50, p99, max and
 *     answers not 200, from hey's CSV;</li>
 * <li>a conference-morning check-in burst: CHECKINS registrations paid at the gateway, then their
 *     QR codes checked in by a kiosk (role KIOSK) spread evenly over WINDOW seconds; for each, the time until the CRM shows
 *     it Attended (polled by SOQL every 200 ms): p50, p99, max.</li>
 * </ul>
 * Never fails on a time. Arguments: [RATE 300] [SECONDS 30] [CHECKINS 2000] [WINDOW 600].
 */
public final class EventsBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The sandbox's demo user (ADMIN, OPERATOR, VIEWER). */
    private static final String VIEWER = "Basic " + Base64.getEncoder().encodeToString("ops:sandbox".getBytes());
    /** A check-in kiosk's own credential (role KIOSK), as kiosks call. */
    private static final String KIOSK = "Basic " + Base64.getEncoder().encodeToString("kiosk-1:kiosk-sandbox".getBytes());
    /** The community's API key (the sandbox's), as the community asks for offers. */
    private static final String COMMUNITY_KEY = "community-client-sandbox-key";

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int checkins = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 600;
        var dataDir = Files.createTempDirectory("memberbus-bench");
        var settings = new java.util.LinkedHashMap<String, Object>(StandaloneBus.freePorts());
        for (var simulator : List.of("salesforce", "community", "gateway", "accounting", "exams", "marketing", "webinar")) {
            settings.put("sandbox." + simulator + ".port", StandaloneBus.freePort());
        }
        settings.put("sandbox.exams.sftp-port", StandaloneBus.freePort());
        for (var logger : List.of("root", "org.apache.kafka", "kafka", "org.apache.activemq", "org.apache.camel", "org.memberbus")) {
            settings.put("logging.level." + logger, "ERROR");
        }
        System.out.printf("memberbus events benchmark: sandbox in process, %d cores; offers %d/s for %d s; %d check-ins in %d s%n",
                Runtime.getRuntime().availableProcessors(), rate, seconds, checkins, window);
        long start = System.nanoTime();
        try (var bus = StandaloneBus.start(dataDir, settings)) {
            System.out.printf("bus ready in %.1f s%n", (System.nanoTime() - start) / 1e9);
            var salesforce = "http://localhost:" + settings.get("sandbox.salesforce.port");
            var partners = new PartnerProbe(salesforce, "http://localhost:" + settings.get("sandbox.community.port"), null);
            var client = "http://localhost:" + bus.port();
            var today = LocalDate.now(ZoneOffset.UTC);
            var eventId = partners.createSObject("Association_Event__c", """
                    {"Name": "Benchmark Conference", "Start_Date__c": "%s", "Capacity__c": %d, "Status__c": "Open",
                     "Member_Price__c": 250.00, "Non_Member_Price__c": 400.00, "CEU_Credits__c": 6}"""
                    .formatted(today, checkins + 10));
            var http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(64)).build();
            waitFor(() -> get(http, client + "/api/v1/events/" + eventId + "/offer", VIEWER).statusCode() == 200, 60);
            var members = DemoAssociation.generate(today).members();
            System.out.println("load average before: " + Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
            offers(client, eventId, members, rate, seconds);
            System.out.println("load average after the offers: " + Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
            burst(http, client, partners, settings, eventId, members, checkins, window);
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
        System.exit(0);
    }

    /**
     * {@code hey} (a load tool in its own process) on four offers at once: an active member, a
     * lapsed member (renewal bundle), a guest and another active member, at RATE/4 a second each for
     * SECONDS, with the community's API key as the community calls it; latencies from hey's CSV.
     */
    private static void offers(String client, String eventId, List<DemoAssociation.DemoMember> members,
                               int rate, int seconds) throws Exception {
        var active = members.stream().filter(m -> m.status() == org.memberbus.sandbox.demo.Standing.ACTIVE).toList();
        var lapsed = members.stream().filter(m -> m.status() == org.memberbus.sandbox.demo.Standing.LAPSED).findFirst();
        var urls = new ArrayList<String>();
        urls.add(client + "/api/v1/events/" + eventId + "/offer?member=" + active.get(0).crmContactId());
        urls.add(client + "/api/v1/events/" + eventId + "/offer?member=" + lapsed.orElse(active.get(2)).crmContactId());
        urls.add(client + "/api/v1/events/" + eventId + "/offer");
        urls.add(client + "/api/v1/events/" + eventId + "/offer?member=" + active.get(1).crmContactId());
        var requests = urls.stream().map(url -> HeyLoad.Request.get(url, Map.of("X-Api-Key", COMMUNITY_KEY))).toList();
        for (var label : List.of("warm-up", "measured")) {
            int duration = label.equals("warm-up") ? Math.min(10, seconds) : seconds;
            int workers = 4;
            var result = HeyLoad.run(requests, workers, (double) rate / urls.size() / workers, duration);
            System.out.printf("offer API (hey), %s: %d requests in %d s (%.0f/s of %d/s asked), not 200: %d;"
                            + " p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    label, result.count(), duration, result.perSecond(), rate, result.notOk(),
                    result.percentile(50), result.percentile(99), result.max());
        }
    }

    private static void burst(HttpClient http, String client, PartnerProbe partners, Map<String, Object> settings,
                              String eventId, List<DemoAssociation.DemoMember> members, int checkins, int window) throws Exception {
        var gateway = "http://localhost:" + settings.get("sandbox.gateway.port");
        var payments = new CopyOnWriteArrayList<String>();
        var pay = Executors.newFixedThreadPool(8);
        long t0 = System.nanoTime();
        for (int i = 0; i < checkins; i++) {
            var member = members.get(i % members.size()).crmContactId();
            pay.submit(() -> {
                var form = "amount=25000&currency=usd&confirm=true&payment_method=pm_card_visa&metadata[purpose]=event_fee"
                        + "&metadata[crm_contact_id]=" + member + "&metadata[event_id]=" + eventId;
                var r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/payment_intents"))
                        .header("Authorization", "Bearer sk_test_sandbox").header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                payments.add(JSON.readTree(r.body()).path("id").asText());
                return null;
            });
        }
        pay.shutdown();
        pay.awaitTermination(30, TimeUnit.MINUTES);
        var tokens = new ConcurrentHashMap<String, String>();
        waitFor(() -> {
            for (var p : payments) {
                if (!tokens.containsKey(p)) {
                    var r = get(http, client + "/api/v1/events/registrations/" + p + "/qr", VIEWER);
                    if (r.statusCode() != 200) {
                        return false;
                    }
                    tokens.put(p, JSON.readTree(r.body()).path("token").asText());
                }
            }
            return true;
        }, 1800);
        System.out.printf("check-in burst: %d registrations paid and registered in %.0f s%n", payments.size(), (System.nanoTime() - t0) / 1e9);

        var posted = new ConcurrentHashMap<String, Long>();
        var seen = new ConcurrentHashMap<String, Long>();
        var poller = Executors.newSingleThreadScheduledExecutor();
        poller.scheduleWithFixedDelay(() -> {
            try {
                var query = partners.soql("SELECT Registration_Key__c FROM Event_Registration__c WHERE Association_Event__c = '"
                        + eventId + "' AND Status__c = 'Attended'");
                long now = System.nanoTime();
                query.path("records").forEach(r -> seen.putIfAbsent(r.path("Registration_Key__c").asText(), now));
                // the CRM pages at 2,000 records: follow nextRecordsUrl is not needed below that
            } catch (RuntimeException e) {
                // a poll that fails is tried again
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        var scheduler = Executors.newScheduledThreadPool(4);
        long spacing = window * 1_000_000_000L / Math.max(1, payments.size());
        var refused = new AtomicInteger();
        for (int i = 0; i < payments.size(); i++) {
            var p = payments.get(i);
            scheduler.schedule(() -> {
                posted.put(p, System.nanoTime());
                var r = http.send(HttpRequest.newBuilder(URI.create(client + "/api/v1/checkins"))
                        .header("Authorization", KIOSK).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + tokens.get(p) + "\"}", StandardCharsets.UTF_8))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) {
                    refused.incrementAndGet();
                }
                return null;
            }, i * spacing, TimeUnit.NANOSECONDS);
        }
        waitFor(() -> seen.keySet().containsAll(payments), window + 300);
        poller.shutdownNow();
        scheduler.shutdownNow();
        var lags = new ArrayList<Long>();
        payments.forEach(p -> {
            if (seen.containsKey(p) && posted.containsKey(p)) {
                lags.add(Math.max(0, seen.get(p) - posted.get(p)));
            }
        });
        Collections.sort(lags);
        System.out.printf("check-in to CRM: %d of %d attended in the CRM, refused %d: p50 %.0f ms, p99 %.0f ms, max %.0f ms (polled every 200 ms)%n",
                lags.size(), payments.size(), refused.get(), millis(percentile(lags, 50)), millis(percentile(lags, 99)),
                millis(lags.isEmpty() ? 0 : lags.get(lags.size() - 1)));
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not yet
            }
            Thread.sleep(200); // a program polling a server, not a test
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String auth) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
