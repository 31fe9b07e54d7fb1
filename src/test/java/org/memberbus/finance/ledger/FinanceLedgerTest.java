package org.memberbus.finance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.SandboxTest;
import org.memberbus.TestUsers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ledger, driven from outside: signed gateway webhooks in, journal entries read back from the
 * accounting system's own API (entries by reference, balances, trial balance).
 */
@SandboxTest
class FinanceLedgerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Value("${memberbus.accounting.url}") String accounting;
    @Value("${memberbus.ledger.mapping-path}") String mappingPath;

    private final HttpClient http = HttpClient.newHttpClient();

    // --- what the gateway sends ---

    static String event(String type, long created, Map<String, Object> object) {
        var event = new LinkedHashMap<String, Object>();
        event.put("id", "evt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        event.put("object", "event");
        event.put("api_version", "2024-06-20");
        event.put("created", created);
        event.put("type", type);
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("data", Map.of("object", object));
        try {
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static long on(LocalDate day) {
        return day.atTime(12, 0).toEpochSecond(ZoneOffset.UTC);
    }

    static String id(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    static Map<String, Object> paymentIntent(String id, long amount, Map<String, String> metadata) {
        var intent = new LinkedHashMap<String, Object>();
        intent.put("id", id);
        intent.put("object", "payment_intent");
        intent.put("amount", amount);
        intent.put("amount_received", amount);
        intent.put("currency", "usd");
        intent.put("status", "succeeded");
        intent.put("customer", "cus_ledger");
        intent.put("latest_charge", "ch_" + id.substring(3));
        intent.put("metadata", metadata);
        return intent;
    }

    static Map<String, String> dues(String contact, String level, String start, String end) {
        return Map.of("purpose", "membership_renewal", "crm_contact_id", contact, "level", level,
                "term_start", start, "term_end", end);
    }

    static Map<String, Object> refundedCharge(String chargeId, String intentId, long amount, long refunded, String contact) {
        var charge = new LinkedHashMap<String, Object>();
        charge.put("id", chargeId);
        charge.put("object", "charge");
        charge.put("amount", amount);
        charge.put("amount_captured", amount);
        charge.put("amount_refunded", refunded);
        charge.put("currency", "usd");
        charge.put("payment_intent", intentId);
        charge.put("refunded", refunded >= amount);
        charge.put("status", "succeeded");
        charge.put("metadata", Map.of("purpose", "event_fee", "crm_contact_id", contact));
        return charge;
    }

    BusClient bus() {
        return new BusClient(port);
    }

    void send(String event) {
        assertThat(bus().gatewayWebhook(event).statusCode()).isBetween(200, 299);
    }

    // --- what the accounting system holds ---

    JsonNode ledger(String method, String path, String body) {
        var request = HttpRequest.newBuilder(URI.create(accounting + path)).header("X-Api-Key", "accounting-sandbox-key")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            var answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return answer.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<JsonNode> entries(String reference) {
        var found = ledger("GET", "/api/v1/journal-entries?externalReference="
                + URLEncoder.encode(reference, StandardCharsets.UTF_8), null).path("data");
        return StreamSupport.stream(found.spliterator(), false).toList();
    }

    JsonNode onlyEntry(String reference) {
        var found = new ArrayList<JsonNode>();
        // polled gently: the ledger allows 500 calls a minute, the test's own reads included
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            found.clear();
            found.addAll(entries(reference));
            assertThat(found).hasSize(1);
        });
        return found.get(0);
    }

    static BigDecimal amount(JsonNode entry, String account, String side) {
        return StreamSupport.stream(entry.path("lines").spliterator(), false)
                .filter(l -> l.path("account").asText().equals(account))
                .map(l -> l.path(side).decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static void balanced(JsonNode entry) {
        assertThat(entry.path("totalDebit").decimalValue()).isEqualByComparingTo(entry.path("totalCredit").decimalValue());
    }

    // --- the tests ---

    @Test
    void aDuesPaymentPostsOneBalancedEntryToDeferredRevenueHoweverOftenItComes() {
        String contact = id("003L");
        String intent = id("pi_");
        String paid = event("payment_intent.succeeded", now(), paymentIntent(intent, 29500,
                dues(contact, "professional", "2026-12-01", "2027-11-30")));
        for (int i = 0; i < 3; i++) {
            send(paid);
        }
        // the same payment again under another event id (a webhook resent after the bus forgot the first)
        send(paid.replaceFirst("\"evt_[a-z0-9]+\"", "\"" + id("evt_") + "\""));

        var entry = onlyEntry(intent + ":payment");
        balanced(entry);
        assertThat(amount(entry, "1100", "debit")).isEqualByComparingTo("295.00");
        assertThat(amount(entry, "2100", "credit")).isEqualByComparingTo("295.00");
        // a later payment of the same member is through, so the repeats were handled: still one
        String marker = id("pi_");
        send(event("payment_intent.succeeded", now(), paymentIntent(marker, 1000,
                Map.of("purpose", "donation", "crm_contact_id", contact))));
        onlyEntry(marker + ":payment");
        assertThat(entries(intent + ":payment")).hasSize(1);
    }

    @Test
    void aPartialThenAFullRefundPostTheDifferencesAndALateOldOneNothing() {
        String contact = id("003L");
        String intent = id("pi_");
        String charge = "ch_" + intent.substring(3);
        send(event("payment_intent.succeeded", now(), paymentIntent(intent, 10000,
                Map.of("purpose", "event_fee", "crm_contact_id", contact))));
        assertThat(amount(onlyEntry(intent + ":payment"), "4100", "credit")).isEqualByComparingTo("100.00");

        String partial = event("charge.refunded", now(), refundedCharge(charge, intent, 10000, 3000, contact));
        send(partial);
        var first = onlyEntry(charge + ":refund:3000");
        balanced(first);
        assertThat(amount(first, "4900", "debit")).isEqualByComparingTo("30.00");
        assertThat(amount(first, "1100", "credit")).isEqualByComparingTo("30.00");

        send(event("charge.refunded", now(), refundedCharge(charge, intent, 10000, 10000, contact)));
        var rest = onlyEntry(charge + ":refund:10000");
        assertThat(amount(rest, "4900", "debit")).isEqualByComparingTo("70.00");

        // the partial refund's event once more, late and under a new id: nothing more is refunded
        send(partial.replaceFirst("\"evt_[a-z0-9]+\"", "\"" + id("evt_") + "\""));
        String marker = id("pi_");
        send(event("payment_intent.succeeded", now(), paymentIntent(marker, 500,
                Map.of("purpose", "donation", "crm_contact_id", contact))));
        onlyEntry(marker + ":payment");
        var refunds = StreamSupport.stream(ledger("GET", "/api/v1/journal-entries?account=4900&pageSize=200", null)
                        .path("data").spliterator(), false)
                .filter(e -> e.path("externalReference").asText().startsWith(charge + ":refund:")).toList();
        assertThat(refunds).hasSize(2);
        assertThat(refunds.stream().map(e -> amount(e, "4900", "debit")).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("100.00");

        var trial = ledger("GET", "/api/v1/trial-balance?asOf=2099-12-31", null);
        assertThat(trial.path("totalDebit").decimalValue()).isPositive()
                .isEqualByComparingTo(trial.path("totalCredit").decimalValue());
    }

    @Test
    // other tests run recognition for later months (2033-12), which catch up every earlier share:
    // those shares stay deferred as of February 2031 in the ledger and in the schedule alike
    void afterTwoMonthlyRunsTheDeferredBalanceEqualsTheScheduleToTheCent() throws Exception {
        String contact = id("003L");
        String intent = id("pi_");
        // other tests' payments (some still on their way through the ledger) are deferred past
        // February 2031 too: the report must agree with the ledger to the cent whatever they are,
        // and this payment's own part (306.00 left after January and February) is in it
        var leftOfThisPayment = new BigDecimal("306.00");
        // 365.00 over 2031 (365 days): 31.00 for January, 28.00 for February
        send(event("payment_intent.succeeded", now(), paymentIntent(intent, 36500,
                dues(contact, "fellow", "2031-01-01", "2031-12-31"))));
        onlyEntry(intent + ":payment");

        assertThat(bus().postAs(TestUsers.VIEWER, "/api/v1/jobs/revenue-recognition/run?month=2031-01", "").statusCode())
                .isEqualTo(403);
        assertThat(bus().postAs(TestUsers.OPERATOR, "/api/v1/jobs/revenue-recognition/run?month=2031-13", "").statusCode())
                .isEqualTo(400);
        for (String month : List.of("2031-01", "2031-02")) {
            var run = bus().postAs(TestUsers.OPERATOR, "/api/v1/jobs/revenue-recognition/run?month=" + month, "");
            assertThat(run.statusCode()).isEqualTo(200);
            assertThat(run.body()).contains("\"month\":\"" + month + "\"");
        }

        // the recognition entries reach the ledger through its command queue
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var february = ledger("GET", "/api/v1/journal-entries?from=2031-02-28&to=2031-02-28&account=4040", null).path("data");
            assertThat(february).isNotEmpty();
            assertThat(StreamSupport.stream(february.spliterator(), false).map(e -> amount(e, "4040", "credit"))
                    .reduce(BigDecimal.ZERO, BigDecimal::add)).isGreaterThanOrEqualTo(new BigDecimal("28.00"));
        });

        // other tests' dues still on their way are deferred in the ledger but not yet recognized:
        // running February again recognizes them, until a run finds nothing left and the report
        // agrees with the ledger to the cent
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            var again = bus().postAs(TestUsers.OPERATOR, "/api/v1/jobs/revenue-recognition/run?month=2031-02", "");
            assertThat(again.body()).contains("\"entries\":0");
            var answer = bus().get("/api/v1/finance/deferred-revenue?asOf=2031-02-28", TestUsers.VIEWER);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            var report = JSON.readTree(answer.body());
            assertThat(report.path("scheduleBalance").decimalValue()).isGreaterThanOrEqualTo(leftOfThisPayment);
            assertThat(report.path("ledgerBalance").decimalValue())
                    .isEqualByComparingTo(report.path("scheduleBalance").decimalValue());
            assertThat(report.path("matches").asBoolean()).isTrue();
        });
        assertThat(bus().get("/api/v1/finance/deferred-revenue?asOf=someday", TestUsers.VIEWER).statusCode()).isEqualTo(400);
    }

    @Test
    void anEntryInAClosedPeriodIsMovedOrHeldAsTheMappingSays() throws Exception {
        String contact = id("003L");
        ledger("PUT", "/__sandbox/books-closed", "{\"date\":\"2026-10-31\"}");
        var mapping = Path.of(mappingPath);
        String original = Files.readString(mapping);
        try {
            String moved = id("pi_");
            send(event("payment_intent.succeeded", on(LocalDate.of(2026, 10, 15)), paymentIntent(moved, 5000,
                    Map.of("purpose", "donation", "crm_contact_id", contact))));
            var entry = onlyEntry(moved + ":payment");
            assertThat(entry.path("date").asText()).isEqualTo("2026-11-01");
            assertThat(entry.path("memo").asText()).startsWith("[moved from closed period 2026-10-15]");

            Files.writeString(mapping, original.replace("closed-periods: move", "closed-periods: hold"));
            Files.setLastModifiedTime(mapping, FileTime.fromMillis(System.currentTimeMillis() + 5000));
            String held = id("pi_");
            send(event("payment_intent.succeeded", on(LocalDate.of(2026, 10, 20)), paymentIntent(held, 7000,
                    Map.of("purpose", "donation", "crm_contact_id", contact))));
            var deadLetter = new ArrayList<JsonNode>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var list = JSON.readTree(bus().get("/api/v1/dead-letters", BusClient.OPS).body());
                deadLetter.clear();
                list.forEach(d -> {
                    if ((held + ":payment").equals(d.path("message_key").asText())) {
                        deadLetter.add(d);
                    }
                });
                assertThat(deadLetter).hasSize(1);
            });
            assertThat(deadLetter.get(0).path("error").asText()).contains("closed");
            assertThat(entries(held + ":payment")).isEmpty();

            // listed for finance staff with the ledger's reason (operators only)
            assertThat(bus().get("/api/v1/finance/held-entries", TestUsers.VIEWER).statusCode()).isEqualTo(403);
            var heldEntries = JSON.readTree(bus().get("/api/v1/finance/held-entries", TestUsers.OPERATOR).body());
            assertThat(heldEntries).filteredOn(e -> (held + ":payment").equals(e.path("reference").asText()))
                    .singleElement().satisfies(e -> {
                        assertThat(e.path("reason").asText()).contains("closed");
                        assertThat(e.path("deadLetterId").asLong()).isEqualTo(deadLetter.get(0).path("id").asLong());
                    });

            // staff open the period again and release it: posted on its own date
            ledger("DELETE", "/__sandbox/books-closed", null);
            assertThat(bus().postAs(TestUsers.VIEWER, "/api/v1/finance/held-entries/" + held + ":payment/release", "")
                    .statusCode()).isEqualTo(403);
            assertThat(bus().postAs(TestUsers.OPERATOR, "/api/v1/finance/held-entries/" + held + ":payment/release", "")
                    .statusCode()).isEqualTo(200);
            assertThat(bus().postAs(TestUsers.OPERATOR, "/api/v1/finance/held-entries/pi_nothing:payment/release", "")
                    .statusCode()).isEqualTo(404);
            assertThat(onlyEntry(held + ":payment").path("date").asText()).isEqualTo("2026-10-20");
        } finally {
            ledger("DELETE", "/__sandbox/books-closed", null);
            Files.writeString(mapping, original);
            Files.setLastModifiedTime(mapping, FileTime.fromMillis(System.currentTimeMillis() + 10000));
        }
    }

    @Test
    void aRateLimitedLedgerStillEndsWithEveryEntryOnce() {
        long before = ledger("GET", "/__sandbox", null).path("journalEntries").asLong();
        ledger("POST", "/__sandbox/faults", "{\"ratePerSecond\":2}");
        var intents = new ArrayList<String>();
        try {
            for (int i = 0; i < 12; i++) {
                String intent = id("pi_");
                intents.add(intent);
                send(event("payment_intent.succeeded", now(), paymentIntent(intent, 2500 + i,
                        Map.of("purpose", "certification_fee", "crm_contact_id", id("003L")))));
            }
            // counted through the sandbox's summary, which the limit does not guard (the API's calls would compete)
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    ledger("GET", "/__sandbox", null).path("journalEntries").asLong() - before >= 12);
        } finally {
            ledger("DELETE", "/__sandbox/faults", null);
        }
        assertThat(intents).allSatisfy(intent -> assertThat(entries(intent + ":payment")).hasSize(1));
        assertThat(ledger("GET", "/__sandbox", null).path("journalEntries").asLong() - before).isEqualTo(12);
    }

    @Test
    void aDuesRefundGivesTheUnearnedPartBackOutOfDeferredRevenueAndTheScheduleFollows() {
        String contact = id("003L");
        String intent = id("pi_");
        String charge = "ch_" + intent.substring(3);
        // 365.00 over 2033; 265.00 refunded: January's 31.00 stays, spread 100.00 over the year
        send(event("payment_intent.succeeded", now(), paymentIntent(intent, 36500,
                dues(contact, "student", "2033-01-01", "2033-12-31"))));
        onlyEntry(intent + ":payment");
        var refunded = refundedCharge(charge, intent, 36500, 26500, contact);
        refunded.put("metadata", Map.of("purpose", "membership_renewal", "crm_contact_id", contact));
        send(event("charge.refunded", now(), refunded));
        var refund = onlyEntry(charge + ":refund:26500");
        balanced(refund);
        assertThat(amount(refund, "2100", "debit")).isEqualByComparingTo("265.00");
        assertThat(amount(refund, "1100", "credit")).isEqualByComparingTo("265.00");

        var run = bus().postAs(TestUsers.OPERATOR, "/api/v1/jobs/revenue-recognition/run?month=2033-12", "");
        assertThat(run.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var report = JSON.readTree(bus().get("/api/v1/finance/deferred-revenue?asOf=2033-12-31", TestUsers.VIEWER).body());
            assertThat(report.path("scheduleBalance").decimalValue()).isEqualByComparingTo("0.00");
            assertThat(report.path("ledgerBalance").decimalValue()).isEqualByComparingTo("0.00");
            assertThat(report.path("matches").asBoolean()).isTrue();
        });
    }
}
