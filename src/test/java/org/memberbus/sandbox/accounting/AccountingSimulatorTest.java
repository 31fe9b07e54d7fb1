package org.memberbus.sandbox.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memberbus.sandbox.SimulatorHost;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The general ledger's REST API, over HTTP as the bus calls it. */
class AccountingSimulatorTest {

    static final String KEY = "accounting-sandbox-key";

    static SimulatorHost host;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        var env = new StandardEnvironment();
        // a high limit so that only the rate-limit test meets it
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("sandbox.accounting.rate-per-second", "1000")));
        host = SimulatorHost.start(AccountingSimulator.NAME, 0, env, AccountingSimulator.class);
        base = "http://127.0.0.1:" + host.port();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @AfterEach
    void clearFaults() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(base + "/__sandbox/faults")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    record Answer(int status, JsonNode body, HttpResponse<String> response) {}

    static Answer call(String method, String path, String body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).header("X-Api-Key", KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : json.readTree(response.body()), response);
    }

    static String entry(String reference, String date, String... lines) {
        return "{\"date\":\"" + date + "\",\"externalReference\":\"" + reference + "\",\"memo\":\"Dues payment\","
                + "\"lines\":[" + String.join(",", lines) + "]}";
    }

    static String debit(String account, String amount) {
        return "{\"account\":\"" + account + "\",\"debit\":" + amount + ",\"credit\":0}";
    }

    static String credit(String account, String amount) {
        return "{\"account\":\"" + account + "\",\"debit\":0,\"credit\":" + amount + "}";
    }

    static BigDecimal balance(String account) throws Exception {
        return call("GET", "/api/v1/accounts/" + account + "/balance?asOf=2099-12-31", null).body().get("balance").decimalValue();
    }

    static String reference() {
        return "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    @Test
    void theChartOfAccountsIsAnAssociations() throws Exception {
        var accounts = call("GET", "/api/v1/accounts", null).body().get("data");
        assertThat(accounts).extracting(a -> a.get("code").asText())
                .contains("1000", "1100", "1150", "1200", "2100", "2110", "4000", "4010", "4040", "4100", "4200", "4300", "4900",
                        "5100", "5110");
        var revenue = call("GET", "/api/v1/accounts?type=REVENUE", null).body().get("data");
        assertThat(revenue).allSatisfy(a -> assertThat(a.get("type").asText()).isEqualTo("REVENUE"));
        assertThat(call("GET", "/api/v1/accounts/2100", null).body().get("normalBalance").asText()).isEqualTo("CREDIT");
    }

    @Test
    void aBalancedEntryIsPostedAndMovesBalances() throws Exception {
        var clearing = balance("1100");
        var deferred = balance("2100");
        var fees = balance("5100");

        var posted = call("POST", "/api/v1/journal-entries", entry(reference(), "2026-11-23",
                debit("1100", "286.15"), debit("5100", "8.85"), credit("2100", "295.00")));

        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.response().headers().firstValue("Location")).hasValue("/api/v1/journal-entries/" + posted.body().get("id").asText());
        assertThat(posted.body().get("status").asText()).isEqualTo("posted");
        assertThat(posted.body().get("totalDebit").decimalValue()).isEqualByComparingTo("295.00");
        assertThat(posted.body().get("lines")).hasSize(3);
        assertThat(call("GET", "/api/v1/journal-entries/" + posted.body().get("id").asText(), null).body())
                .isEqualTo(posted.body());
        assertThat(balance("1100").subtract(clearing)).isEqualByComparingTo("286.15");
        assertThat(balance("2100").subtract(deferred)).isEqualByComparingTo("295.00");
        assertThat(balance("5100").subtract(fees)).isEqualByComparingTo("8.85");
        var trial = call("GET", "/api/v1/trial-balance", null).body();
        assertThat(trial.get("totalDebit").decimalValue()).isEqualByComparingTo(trial.get("totalCredit").decimalValue());
    }

    @Test
    void anUnbalancedEntryIsRefusedNamingTheDifference() throws Exception {
        var refused = call("POST", "/api/v1/journal-entries", entry(reference(), "2026-11-23",
                debit("1100", "295.00"), credit("2100", "290.00")));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body().get("code").asText()).isEqualTo("unbalanced_entry");
        assertThat(refused.body().get("difference").asText()).isEqualTo("5.00");
        assertThat(refused.body().get("detail").asText()).contains("295.00", "290.00", "differ by 5.00");
    }

    @Test
    void anUnknownAccountAndMalformedLinesAreRefusedEachNamed() throws Exception {
        var unknown = call("POST", "/api/v1/journal-entries", entry(reference(), "2026-11-23",
                debit("1100", "50.00"), credit("9999", "50.00")));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().get("code").asText()).isEqualTo("unknown_account");
        assertThat(unknown.body().at("/errors/0/field").asText()).isEqualTo("lines[1].account");
        assertThat(unknown.body().get("detail").asText()).contains("9999");

        var both = call("POST", "/api/v1/journal-entries", entry(reference(), "2026-11-23",
                "{\"account\":\"1100\",\"debit\":10,\"credit\":10}", credit("2100", "0")));
        assertThat(both.status()).isEqualTo(422);
        assertThat(both.body().get("errors")).extracting(e -> e.get("code").asText())
                .containsExactly("debit_and_credit", "zero_line");

        var negative = call("POST", "/api/v1/journal-entries", entry(reference(), "2026-11-23",
                debit("1100", "-10.00"), credit("2100", "-10.00")));
        assertThat(negative.body().get("code").asText()).isEqualTo("negative_amount");

        var single = call("POST", "/api/v1/journal-entries", entry(reference(), "2026-11-23", debit("1100", "10.00")));
        assertThat(single.status()).isEqualTo(422);
        assertThat(single.body().get("code").asText()).isEqualTo("too_few_lines");
    }

    @Test
    void theSameExternalReferenceIsIdempotentAndOtherContentConflicts() throws Exception {
        String reference = reference();
        String body = entry(reference, "2026-11-23", debit("1100", "150.00"), credit("2100", "150.00"));
        var first = call("POST", "/api/v1/journal-entries", body);
        var again = call("POST", "/api/v1/journal-entries", body.replace("150.00", "150"));
        var other = call("POST", "/api/v1/journal-entries",
                entry(reference, "2026-11-23", debit("1100", "160.00"), credit("2100", "160.00")));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(again.response().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body().get("code").asText()).isEqualTo("reference_conflict");
        var listed = call("GET", "/api/v1/journal-entries?externalReference=" + reference, null).body();
        assertThat(listed.get("data")).hasSize(1);
    }

    @Test
    void anEntryIsReversedOnceByItsMirror() throws Exception {
        var clearing = balance("1100");
        String reference = reference();
        var posted = call("POST", "/api/v1/journal-entries",
                entry(reference, "2026-11-23", debit("1100", "95.00"), credit("2110", "95.00"))).body();
        String id = posted.get("id").asText();

        var mirror = call("POST", "/api/v1/journal-entries/" + id + "/reverse",
                "{\"date\":\"2026-11-30\",\"memo\":\"Registration refunded\"}");
        assertThat(mirror.status()).isEqualTo(201);
        assertThat(mirror.body().get("reverses").asText()).isEqualTo(id);
        assertThat(mirror.body().at("/lines/0/credit").decimalValue()).isEqualByComparingTo("95.00");
        assertThat(mirror.body().at("/lines/1/debit").decimalValue()).isEqualByComparingTo("95.00");
        var original = call("GET", "/api/v1/journal-entries/" + id, null).body();
        assertThat(original.get("status").asText()).isEqualTo("reversed");
        assertThat(original.get("reversedBy")).isEqualTo(mirror.body().get("id"));
        assertThat(balance("1100")).isEqualByComparingTo(clearing);

        var twice = call("POST", "/api/v1/journal-entries/" + id + "/reverse", null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body().get("code").asText()).isEqualTo("already_reversed");
        assertThat(call("POST", "/api/v1/journal-entries/je_999999/reverse", null).status()).isEqualTo(404);
    }

    @Test
    void entriesAreListedByAccountAndDateAPageAtATime() throws Exception {
        for (int i = 0; i < 3; i++) {
            call("POST", "/api/v1/journal-entries", entry(reference(), "2025-01-0" + (i + 1),
                    debit("1200", "10.00"), credit("4200", "10.00")));
        }
        var page = call("GET", "/api/v1/journal-entries?account=4200&from=2025-01-01&to=2025-01-31&pageSize=2", null).body();
        assertThat(page.get("data")).hasSize(2);
        assertThat(page.at("/pagination/total").asInt()).isEqualTo(3);
        assertThat(page.at("/pagination/hasMore").asBoolean()).isTrue();
        assertThat(page.at("/data/0/date").asText()).isEqualTo("2025-01-01");
        var next = call("GET", "/api/v1/journal-entries?account=4200&from=2025-01-01&to=2025-01-31&pageSize=2&page=2", null).body();
        assertThat(next.get("data")).hasSize(1);
        assertThat(call("GET", "/api/v1/accounts/4200/balance?asOf=2025-01-02", null).body().get("balance").decimalValue())
                .isEqualByComparingTo("20.00");
    }

    @Test
    void theApiNeedsItsKey() throws Exception {
        var none = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/accounts")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json.readTree(none.body()).get("code").asText()).isEqualTo("unauthorized");
        var nowhere = call("GET", "/api/v1/nowhere", null);
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.body().get("code").asText()).isEqualTo("not_found");
        var notJson = call("POST", "/api/v1/journal-entries", "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get("code").asText()).isEqualTo("bad_request");
    }

    @Test
    void tooManyRequestsPerSecondAre429WithRetryAfter() throws Exception {
        var set = http.send(HttpRequest.newBuilder(URI.create(base + "/__sandbox/faults"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ratePerSecond\":2}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(set.body()).get("ratePerSecond").asInt()).isEqualTo(2);

        var limited = new ArrayList<Answer>();
        for (int i = 0; i < 10 && limited.isEmpty(); i++) {
            var answer = call("GET", "/api/v1/accounts/1100", null);
            if (answer.status() == 429) {
                limited.add(answer);
            }
        }
        assertThat(limited).isNotEmpty();
        assertThat(limited.get(0).response().headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Integer.parseInt(v)).isBetween(1, 2));
        assertThat(limited.get(0).body().get("code").asText()).isEqualTo("rate_limited");
    }

    @Test
    void theNextCallsCanBeForcedTo429() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(base + "/__sandbox/faults"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"rateLimitNext\":1}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(call("GET", "/api/v1/accounts", null).status()).isEqualTo(429);
        assertThat(call("GET", "/api/v1/accounts", null).status()).isEqualTo(200);
    }

    @Test
    void anEntryInAClosedPeriodIsRefusedNamingTheFirstOpenDayButARepeatStillAnswers() throws Exception {
        String before = reference();
        var posted = call("POST", "/api/v1/journal-entries", entry(before, "2026-09-15", debit("1100", "10.00"), credit("4300", "10.00")));
        assertThat(posted.status()).isEqualTo(201);
        try {
            var closed = http.send(HttpRequest.newBuilder(URI.create(base + "/__sandbox/books-closed"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"date\":\"2026-10-31\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(closed.statusCode()).isEqualTo(200);
            assertThat(call("GET", "/api/v1/preferences", null).body().get("booksClosedDate").asText()).isEqualTo("2026-10-31");

            var refused = call("POST", "/api/v1/journal-entries", entry(reference(), "2026-10-31", debit("1100", "10.00"), credit("4300", "10.00")));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.body().get("code").asText()).isEqualTo("period_closed");
            assertThat(refused.body().get("firstOpenDate").asText()).isEqualTo("2026-11-01");
            assertThat(call("POST", "/api/v1/journal-entries", entry(reference(), "2026-11-01", debit("1100", "10.00"),
                    credit("4300", "10.00"))).status()).isEqualTo(201);
            var repeat = call("POST", "/api/v1/journal-entries", entry(before, "2026-09-15", debit("1100", "10.00"), credit("4300", "10.00")));
            assertThat(repeat.status()).isEqualTo(200);
            assertThat(repeat.body().get("id")).isEqualTo(posted.body().get("id"));
            assertThat(call("POST", "/api/v1/journal-entries/" + posted.body().get("id").asText() + "/reverse",
                    "{\"date\":\"2026-10-01\"}").body().get("code").asText()).isEqualTo("period_closed");
        } finally {
            http.send(HttpRequest.newBuilder(URI.create(base + "/__sandbox/books-closed")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void tooManyRequestsPerMinuteAre429WithRetryAfterUntilTheMinuteEnds() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(base + "/__sandbox/faults"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ratePerMinute\":3}")).build(), HttpResponse.BodyHandlers.ofString());
        Answer limited = null;
        for (int i = 0; i < 5 && limited == null; i++) {
            var answer = call("GET", "/api/v1/accounts/1100", null);
            limited = answer.status() == 429 ? answer : null;
        }
        assertThat(limited).isNotNull();
        assertThat(limited.body().get("detail").asText()).contains("3 requests per minute");
        assertThat(limited.response().headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
    }

    @Test
    void postedSinceListsTheEntriesPostedAtOrAfterAnInstant() throws Exception {
        var first = call("POST", "/api/v1/journal-entries", entry(reference(), "2026-03-02",
                debit("1100", "10.00"), credit("4300", "10.00")));
        assertThat(first.status()).isEqualTo(201);
        var since = java.time.Instant.parse(first.body().get("postedAt").asText()).plusMillis(1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).until(() -> java.time.Instant.now().isAfter(since));
        var second = call("POST", "/api/v1/journal-entries", entry(reference(), "2026-01-15",
                debit("1100", "20.00"), credit("4300", "20.00")));
        var listed = call("GET", "/api/v1/journal-entries?pageSize=200&postedSince=" + since, null);
        assertThat(listed.status()).isEqualTo(200);
        var ids = new java.util.ArrayList<String>();
        listed.body().get("data").forEach(e -> ids.add(e.get("id").asText()));
        assertThat(ids).contains(second.body().get("id").asText()).doesNotContain(first.body().get("id").asText());
        // a reversal is a new entry: it is listed, naming the original
        var mirror = call("POST", "/api/v1/journal-entries/" + first.body().get("id").asText() + "/reverse", "{}");
        var after = call("GET", "/api/v1/journal-entries?pageSize=200&postedSince=" + since, null);
        assertThat(after.body().get("data").toString()).contains(mirror.body().get("id").asText())
                .contains("\"reverses\":\"" + first.body().get("id").asText() + "\"");
        assertThat(call("GET", "/api/v1/journal-entries?postedSince=yesterday", null).status()).isEqualTo(400);
    }
}
