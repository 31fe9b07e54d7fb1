package org.memberbus.finance.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.memberbus.BusClient;
import org.memberbus.member.reconcile.StandaloneBus;
import org.springframework.util.FileSystemUtils;

/**
 * Benchmark (a program, not a test; bench/ledger.sh runs it): starts the whole sandbox in this JVM
 * on free ports, with the accounting simulator's rate limits on (QuickBooks Online's 500 calls a
 * minute, and 20 a second), sends N signed gateway payment webhooks (a mix of dues, event fees,
 * donations and certification fees) and prints journal entries per second end to end (first
 * webhook sent to last entry at the ledger) and accounting API calls per 1,000 payments (the
 * simulator's own counter, 429 answers included). Never fails on a time. Arguments: [N, default 1000].
 */
public final class LedgerBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PURPOSES = List.of("membership_renewal", "event_fee", "donation", "certification_fee");

    public static void main(String[] args) throws Exception {
        int payments = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        var dataDir = Files.createTempDirectory("memberbus-bench");
        var settings = new java.util.LinkedHashMap<String, Object>(StandaloneBus.freePorts());
        for (var simulator : List.of("salesforce", "community", "gateway", "accounting", "exams", "marketing", "webinar")) {
            settings.put("sandbox." + simulator + ".port", StandaloneBus.freePort());
        }
        settings.put("sandbox.exams.sftp-port", StandaloneBus.freePort());
        settings.put("memberbus.health.backfill-on-start", "false");
        for (var logger : List.of("root", "org.apache.kafka", "kafka", "org.apache.activemq", "org.apache.camel")) {
            settings.put("logging.level." + logger, "ERROR");
        }
        System.out.printf("memberbus ledger benchmark: sandbox in process, %d cores, %d payments%n",
                Runtime.getRuntime().availableProcessors(), payments);
        try (var bus = StandaloneBus.start(dataDir, settings)) {
            String ledger = "http://localhost:" + settings.get("sandbox.accounting.port");
            var summary = summary(ledger);
            System.out.printf("accounting rate limits: %s per second, %s per minute%n",
                    summary.at("/faults/ratePerSecond").asText(), summary.at("/faults/ratePerMinute").asText());
            long entriesBefore = summary.path("journalEntries").asLong();
            long callsBefore = summary.path("apiCalls").asLong();
            var client = new BusClient(bus.port());
            long start = System.nanoTime();
            for (int i = 0; i < payments; i++) {
                String purpose = PURPOSES.get(i % PURPOSES.size());
                Map<String, String> metadata = purpose.equals("membership_renewal")
                        ? Map.of("purpose", purpose, "crm_contact_id", "003BENCH" + i, "level", "professional",
                        "term_start", "2027-01-01", "term_end", "2027-12-31")
                        : Map.of("purpose", purpose, "crm_contact_id", "003BENCH" + i);
                String intent = "pi_bench" + String.format("%06d", i);
                var status = client.gatewayWebhook(FinanceLedgerTest.event("payment_intent.succeeded",
                        System.currentTimeMillis() / 1000, FinanceLedgerTest.paymentIntent(intent, 10000 + i, metadata))).statusCode();
                if (status >= 300) {
                    System.out.printf("webhook %d answered %d%n", i, status);
                }
            }
            long sent = System.nanoTime();
            long deadline = sent + java.time.Duration.ofMinutes(15).toNanos();
            long posted = 0;
            while (System.nanoTime() < deadline && (posted = summary(ledger).path("journalEntries").asLong() - entriesBefore) < payments) {
                Thread.sleep(500); // a program polling a counter, not a test
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long calls = summary(ledger).path("apiCalls").asLong() - callsBefore;
            System.out.printf("webhooks sent in %.1f s (%.0f/s)%n", (sent - start) / 1e9, payments / ((sent - start) / 1e9));
            System.out.printf("journal entries: %d of %d in %.1f s end to end: %.1f entries/s%n", posted, payments, seconds,
                    posted / seconds);
            System.out.printf("accounting API calls: %d, %.0f per 1,000 payments (429 answers included)%n", calls,
                    calls * 1000.0 / payments);
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
        System.exit(0); // the embedded parts leave non-daemon threads behind
    }

    private static JsonNode summary(String ledger) throws Exception {
        var answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ledger + "/__sandbox")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }
}
