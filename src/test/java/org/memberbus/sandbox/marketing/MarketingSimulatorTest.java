package org.memberbus.sandbox.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.memberbus.sandbox.demo.Standing;
import org.memberbus.sandbox.SimulatorHost;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarketingSimulatorTest {

    static final int RATE_LIMIT = 40;

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    SimulatorHost host;
    DemoAssociation demo;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    String base;
    String token;

    @BeforeAll
    void start() {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "sandbox.marketing.rate-limit-calls", String.valueOf(RATE_LIMIT),
                "sandbox.marketing.rate-limit-window-seconds", "1")));
        host = SimulatorHost.start("marketing", 0, env, MarketingSimulator.class);
        base = "http://127.0.0.1:" + host.port();
        demo = DemoAssociation.generate(LocalDate.now());
        token = fetchToken();
    }

    @AfterAll
    void stop() {
        host.close();
    }

    @AfterEach
    void clearFaults() {
        send(request("/__sandbox/faults").DELETE().build());
    }

    String fetchToken() {
        var answer = send(request("/identity/oauth/token?grant_type=client_credentials&client_id=memberbus-sandbox"
                + "&client_secret=sandbox-secret").GET().build());
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().path("access_token").asText();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    Answer get(String path) {
        return send(request(path).header("Authorization", "Bearer " + token).GET().build());
    }

    Answer post(String path, Object body) {
        return send(request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    Answer send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isBlank() ? null : json.readTree(response.body()), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void clientCredentialsBuyABearerTokenThatExpires() {
        var noToken = send(request("/rest/v1/campaigns").GET().build());
        assertThat(noToken.status()).as("Marketo answers response-level errors with HTTP 200").isEqualTo(200);
        assertThat(noToken.body().path("success").asBoolean()).isFalse();
        assertThat(noToken.body().path("errors").get(0).path("code").asText()).isEqualTo("600");

        var badSecret = send(request("/identity/oauth/token?grant_type=client_credentials&client_id=memberbus-sandbox"
                + "&client_secret=wrong").GET().build());
        assertThat(badSecret.status()).isEqualTo(401);
        assertThat(badSecret.body().path("error").asText()).isEqualTo("unauthorized");
        var badGrant = send(request("/oauth/token?grant_type=password").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(badGrant.body().path("error").asText()).isEqualTo("unsupported_grant_type");

        var form = send(request("/oauth/token").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=memberbus-sandbox&client_secret=sandbox-secret")).build());
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body().path("token_type").asText()).isEqualTo("bearer");
        assertThat(form.body().path("expires_in").asLong()).isBetween(3500L, 3600L);
        assertThat(form.body().path("scope").asText()).isNotBlank();
        // while valid, the identity endpoint hands out the same token, as Marketo does
        assertThat(form.body().path("access_token").asText()).isEqualTo(token);
        var basic = send(request("/oauth/token?grant_type=client_credentials").header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("memberbus-sandbox:sandbox-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(basic.body().path("access_token").asText()).isEqualTo(token);

        var forged = send(request("/rest/v1/campaigns").header("Authorization", "Bearer forged").GET().build());
        assertThat(forged.body().path("errors").get(0).path("code").asText()).isEqualTo("601");
        assertThat(get("/rest/v1/campaigns").body().path("result").findValuesAsText("name")).hasSize(20).contains("welcome", "report-delivery", "exam-failed", "event-confirmation", "engaged-member", "payment-receipt");

        send(request("/__sandbox/tokens").DELETE().build());
        var expired = get("/rest/v1/campaigns");
        assertThat(expired.status()).isEqualTo(200);
        assertThat(expired.body().path("success").asBoolean()).isFalse();
        assertThat(expired.body().path("errors").get(0).path("code").asText()).isEqualTo("602");
        token = fetchToken();
        assertThat(get("/rest/v1/campaigns").status()).isEqualTo(200);
    }

    @Test
    void contactsAreUpsertedByEmailOrCrmIdAndReadBack() {
        var seeded = demo.members().get(9);
        var read = get("/rest/v1/contacts/" + seeded.crmContactId());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("result").get(0).path("email").asText()).isEqualTo(seeded.email());
        assertThat(read.body().path("result").get(0).path("id").asInt()).isEqualTo(seeded.number());

        var upserted = post("/rest/v1/contacts", Map.of("action", "createOrUpdate", "input", List.of(
                Map.of("crmContactId", seeded.crmContactId(), "membershipStatus", "LAPSED", "healthBand", "AT_RISK"),
                Map.of("crmContactId", "003DM0000007001AAA", "email", "new.person@example.org", "firstName", "New"),
                Map.of("email", "not-an-email"),
                Map.of("firstName", "Nobody"))));
        assertThat(upserted.status()).isEqualTo(200);
        var result = upserted.body().path("result");
        assertThat(result.get(0).path("status").asText()).isEqualTo("updated");
        assertThat(result.get(0).path("id").asInt()).isEqualTo(seeded.number());
        assertThat(result.get(1).path("status").asText()).isEqualTo("created");
        assertThat(result.get(2).path("status").asText()).isEqualTo("skipped");
        assertThat(result.get(2).path("reasons").get(0).path("code").asText()).isEqualTo("1003");
        assertThat(result.get(3).path("status").asText()).isEqualTo("skipped");

        var after = get("/rest/v1/contacts/" + seeded.crmContactId()).body().path("result").get(0);
        assertThat(after.path("membershipStatus").asText()).isEqualTo("LAPSED");
        assertThat(after.path("healthBand").asText()).isEqualTo("AT_RISK");
        assertThat(after.path("firstName").asText()).isEqualTo(seeded.firstName());
        assertThat(get("/rest/v1/contacts?email=NEW.person@example.org").body().path("result").get(0)
                .path("crmContactId").asText()).isEqualTo("003DM0000007001AAA");

        var createOnly = post("/rest/v1/leads.json", Map.of("action", "createOnly", "lookupField", "email",
                "input", List.of(Map.of("email", "new.person@example.org"))));
        assertThat(createOnly.body().path("result").get(0).path("reasons").get(0).path("code").asText()).isEqualTo("1005");
        var updateOnly = post("/rest/v1/contacts", Map.of("action", "updateOnly", "lookupField", "crmContactId",
                "input", List.of(Map.of("crmContactId", "003DM0000007999AAA", "email", "ghost@example.org"))));
        assertThat(updateOnly.body().path("result").get(0).path("reasons").get(0).path("code").asText()).isEqualTo("1004");

        var missing = get("/rest/v1/contacts/003DM0000007999AAA");
        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.body().path("errors").get(0).path("code").asText()).isEqualTo("1004");
        assertThat(post("/rest/v1/contacts", Map.of("action", "merge", "input", List.of())).body()
                .path("errors").get(0).path("code").asText()).isEqualTo("1003");
    }

    @Test
    void everyTriggerRunsTheCampaignEvenWithARepeatedRequestIdAsOnMarketo() {
        var member = demo.members().stream().filter(m -> m.status() == Standing.LAPSED).findFirst().orElseThrow();
        var trigger = Map.of("requestId", "kafka-offset-4711", "input", List.of(Map.of(
                "crmContactId", member.crmContactId(), "email", member.email(),
                "tokens", Map.of("firstName", member.firstName(), "endDate", member.endDate().toString()))));
        var first = post("/rest/v1/campaigns/reactivation/trigger", trigger);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("success").asBoolean()).isTrue();
        assertThat(first.body().path("result").get(0).path("status").asText()).isEqualTo("triggered");
        var triggerId = first.body().path("result").get(0).path("triggerId").asText();

        var retried = post("/rest/v1/campaigns/reactivation/trigger", trigger);
        assertThat(retried.body().path("result").get(0).path("status").asText()).isEqualTo("triggered");
        assertThat(retried.body().path("result").get(0).path("triggerId").asText()).isNotEqualTo(triggerId);

        var listed = get("/rest/v1/campaigns/triggered?crmContactId=" + member.crmContactId() + "&campaign=reactivation")
                .body().path("result");
        assertThat(listed).as("the member is mailed twice: no de-duplication").hasSize(2);
        assertThat(listed.get(0).path("campaign").asText()).isEqualTo("reactivation");
        assertThat(listed.get(0).path("crmContactId").asText()).isEqualTo(member.crmContactId());
        assertThat(listed.get(0).path("requestId").asText()).isEqualTo("kafka-offset-4711");
        assertThat(listed.get(0).path("tokens").path("firstName").asText()).isEqualTo(member.firstName());
        assertThat(listed.get(0).path("time").asText()).isNotBlank();

        post("/rest/v1/campaigns/reactivation/trigger", Map.of("requestId", "kafka-offset-4712",
                "input", List.of(Map.of("crmContactId", member.crmContactId()))));
        post("/rest/v1/campaigns/lapse-notice/trigger", Map.of("requestId", "kafka-offset-4711",
                "input", List.of(Map.of("crmContactId", member.crmContactId()))));
        assertThat(get("/rest/v1/campaigns/triggered?crmContactId=" + member.crmContactId()).body().path("result"))
                .hasSize(4);

        var stranger = post("/rest/v1/campaigns/welcome/trigger", Map.of("input", List.of(
                Map.of("crmContactId", "003DM0000008888AAA"))));
        assertThat(stranger.body().path("result").get(0).path("status").asText()).isEqualTo("skipped");
        assertThat(stranger.body().path("result").get(0).path("reasons").get(0).path("code").asText()).isEqualTo("1004");
        var newcomer = post("/rest/v1/campaigns/welcome/trigger", Map.of("tokens", Map.of("level", "PROFESSIONAL"),
                "input", List.of(Map.of("crmContactId", "003DM0000008889AAA", "email", "fresh.member@example.org"))));
        assertThat(newcomer.body().path("result").get(0).path("status").asText()).isEqualTo("triggered");
        assertThat(get("/rest/v1/campaigns/triggered?crmContactId=003DM0000008889AAA").body().path("result").get(0)
                .path("tokens").path("level").asText()).isEqualTo("PROFESSIONAL");
    }

    @Test
    void everyRunIsARequestCampaignActivityReadWithMarketosPagingAndBearerToken() {
        var crmContactId = "003DM00000ACT" + System.nanoTime() % 100000;
        var since = java.time.Instant.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        post("/rest/v1/leads.json", Map.of("action", "createOnly", "input",
                List.of(Map.of("crmContactId", crmContactId, "email", crmContactId + "@example.org"))));
        var leads = get("/rest/v1/leads.json?filterType=crmContactId&filterValues=" + crmContactId).body();
        int leadId = leads.path("result").get(0).path("id").asInt();
        assertThat(get("/rest/v1/leads.json?filterType=crmContactId&filterValues=003NOBODY").body().path("result")).isEmpty();
        post("/rest/v1/campaigns/renewal-confirmation/trigger", Map.of("input", List.of(Map.of("crmContactId", crmContactId))));

        var noToken = send(request("/rest/v1/activities/pagingtoken.json?sinceDatetime=" + since).GET().build());
        assertThat(noToken.body().path("errors").get(0).path("code").asText()).isEqualTo("600");
        var paging = get("/rest/v1/activities/pagingtoken.json?sinceDatetime=" + since).body();
        assertThat(paging.path("success").asBoolean()).isTrue();
        var page = get("/rest/v1/activities.json?nextPageToken=" + paging.path("nextPageToken").asText()
                + "&activityTypeIds=47&leadIds=" + leadId).body();
        assertThat(page.path("moreResult").asBoolean()).isFalse();
        assertThat(page.path("nextPageToken").asText()).isNotBlank();
        assertThat(page.path("result")).hasSize(1);
        var activity = page.path("result").get(0);
        assertThat(activity.path("leadId").asInt()).isEqualTo(leadId);
        assertThat(activity.path("activityTypeId").asInt()).isEqualTo(47);
        assertThat(activity.path("primaryAttributeValue").asText()).isEqualTo("renewal-confirmation");
        assertThat(activity.path("marketoGUID").asText()).isNotBlank();

        var later = get("/rest/v1/activities.json?nextPageToken=" + page.path("nextPageToken").asText()
                + "&activityTypeIds=47&leadIds=" + leadId).body();
        assertThat(later.path("success").asBoolean()).isTrue();
        assertThat(later.has("result")).as("no activities since: no result at all, as Marketo answers").isFalse();
        var noTypes = get("/rest/v1/activities.json?nextPageToken=" + page.path("nextPageToken").asText());
        assertThat(noTypes.status()).isEqualTo(200);
        assertThat(noTypes.body().path("errors").get(0).path("code").asText()).isEqualTo("1003");
    }

    @Test
    void anUnknownCampaignIsA404ThatNamesTheKnownOnes() {
        var answer = post("/rest/v1/campaigns/black-friday/trigger",
                Map.of("input", List.of(Map.of("crmContactId", demo.members().get(0).crmContactId()))));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("success").asBoolean()).isFalse();
        assertThat(answer.body().path("errors").get(0).path("code").asText()).isEqualTo("1013");
        assertThat(answer.body().path("errors").get(0).path("message").asText()).contains("black-friday", "welcome");
        assertThat(post("/rest/v1/campaigns/welcome/trigger", Map.of("input", List.of())).body()
                .path("errors").get(0).path("code").asText()).isEqualTo("1003");
    }

    @Test
    void tooManyCallsInTheWindowAnswerHttp200WithError606AndNoRetryAfter() {
        send(request("/__sandbox/faults").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"rateLimitNext\":1}")).build());
        var forced = get("/rest/v1/campaigns");
        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.body().path("success").asBoolean()).isFalse();
        assertThat(forced.body().path("errors").get(0).path("code").asText()).isEqualTo("606");
        assertThat(forced.header("Retry-After")).isNull();
        assertThat(get("/rest/v1/campaigns").body().path("success").asBoolean()).isTrue();
        assertThat(get("/rest/v1/campaigns").status()).isEqualTo(200);

        send(request("/__sandbox/faults").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"down\":true}")).build());
        var down = get("/rest/v1/campaigns");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body().path("errors").get(0).path("code").asText()).isEqualTo("608");
        send(request("/__sandbox/faults").DELETE().build());

        var calls = new ArrayList<CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < RATE_LIMIT * 2; i++) {
            calls.add(http.sendAsync(request("/rest/v1/campaigns").header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        var answers = calls.stream().map(CompletableFuture::join).toList();
        var limited = answers.stream().filter(r -> r.body().contains("\"606\"")).toList();
        assertThat(limited).isNotEmpty();
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(answers.stream().filter(r -> r.body().contains("\"success\":true")).count()).isLessThanOrEqualTo(RATE_LIMIT);
        assertThat(limited.get(0).headers().firstValue("Retry-After")).isEmpty();
        assertThat(limited.get(0).body()).contains("Max rate limit '" + RATE_LIMIT + "' exceeded with in '1' secs");
        // the window slides: a second after the burst, calls are admitted again
        await().pollDelay(Duration.ofMillis(1050)).atMost(Duration.ofSeconds(3))
                .until(() -> get("/rest/v1/campaigns").body().path("success").asBoolean());
    }
}
