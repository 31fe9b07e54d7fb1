package org.memberbus.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.KafkaProbe;
import org.memberbus.SandboxTest;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile and awkward input from outside: oversized bodies, refused calls an operator lists,
 * inspects and replays, ids that would break a templated JSON answer, and payment facts whose
 * Kafka key must be the member's CRM id.
 */
@SandboxTest
class InboundHardeningTest {

    static final String COMMUNITY_SECRET = "whsec_community_sandbox";
    static final int MIB = 1024 * 1024;

    @LocalServerPort int port;
    @Value("${memberbus.kafka.brokers}") String brokers;
    @Autowired JdbcTemplate jdbc;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    BusClient bus() {
        return new BusClient(port);
    }

    static DemoMember member(int nth) {
        return DemoAssociation.generate(LocalDate.now()).members().stream()
                .filter(m -> m.number() % 97 == 41).skip(nth).findFirst().orElseThrow();
    }

    static String communityEvent(String id, DemoMember m) {
        return """
                {"id":"%s","type":"post.created","created":"%s","account":{"id":"%s","crmContactId":"%s"},
                 "data":{"postId":"p_%s"}}""".formatted(id.replace("\\", "\\\\").replace("\"", "\\\""),
                Instant.now(), m.communityId(), m.crmContactId(), UUID.randomUUID());
    }

    int quarantined(String marker) {
        return jdbc.queryForObject("select count(*) from quarantine where position(? in body) > 0", Integer.class, marker);
    }

    // --- 413 ---

    @Test
    void aBodyOverOneMebibyteGets413AndIsNotStoredWhateverItsSignature() throws Exception {
        var marker = "big-" + UUID.randomUUID();
        byte[] big = padded(marker, 2 * MIB);
        var declared = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/community"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json.readTree(declared.body()).path("status").asInt()).isEqualTo(413);

        // no Content-Length (chunked): read one byte past the limit, then refused
        var chunked = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/gateway"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", WebhookSignature.sign("whsec_gateway_sandbox", Instant.now().getEpochSecond(),
                        new String(big, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded(marker, MIB + 1))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);

        // exactly the limit is still read, refused for its signature and kept
        var atLimit = bus().post("/webhooks/community", new String(padded(marker, MIB), StandardCharsets.UTF_8));
        assertThat(atLimit.statusCode()).isEqualTo(401);
        assertThat(quarantined(marker)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select octet_length(body) from quarantine where position(? in body) > 0",
                Integer.class, marker)).isEqualTo(MIB);
    }

    /** A JSON-looking body of exactly {@code size} bytes that contains {@code marker}. */
    static byte[] padded(String marker, int size) {
        byte[] head = ("{\"id\":\"" + marker + "\",\"pad\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(head, 0, body, 0, head.length);
        body[size - 2] = '"';
        body[size - 1] = '}';
        return body;
    }

    // --- quarantine API ---

    @Test
    void anOperatorListsInspectsAndReplaysAQuarantinedCall() throws Exception {
        var m = member(0);
        var eventId = "evt_late_" + UUID.randomUUID();
        var body = communityEvent(eventId, m);
        // signed by the partner, but delivered after the signature's tolerance (a queue at the partner)
        var stale = WebhookSignature.sign(COMMUNITY_SECRET, Instant.now().minusSeconds(3600).getEpochSecond(), body);
        var refused = bus().post("/webhooks/community", body, "X-Community-Signature", stale);
        assertThat(refused.statusCode()).isEqualTo(401);
        var forgedBody = communityEvent("evt_forged_" + UUID.randomUUID(), m);
        assertThat(bus().post("/webhooks/community", forgedBody, "X-Community-Signature",
                "t=" + Instant.now().getEpochSecond() + ",v1=00ff").statusCode()).isEqualTo(401);

        assertThat(bus().get("/api/v1/quarantine", null).statusCode()).isEqualTo(401);
        var since = URLEncoder.encode(Instant.now().minusSeconds(120).atOffset(java.time.ZoneOffset.UTC).toString(),
                StandardCharsets.UTF_8);
        var page = read(bus().get("/api/v1/quarantine?source=community-webhook-source&reason=tolerance&since=" + since
                + "&size=200", BusClient.OPS));
        var listed = stream(page.path("items")).filter(e -> e.path("bodyBytes").asInt() == body.getBytes(StandardCharsets.UTF_8).length
                && e.path("reason").asText().contains("tolerance")).findFirst().orElseThrow();
        assertThat(listed.has("body")).isFalse();
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(1);
        long id = jdbc.queryForObject("select id from quarantine where body = ?", Long.class, body);
        long forgedId = jdbc.queryForObject("select id from quarantine where body = ?", Long.class, forgedBody);
        assertThat(stream(read(bus().get("/api/v1/quarantine?reason=DOES%20NOT%20MATCH", BusClient.OPS)).path("items"))
                .map(e -> e.path("id").asLong())).contains(forgedId).doesNotContain(id);
        assertThat(bus().get("/api/v1/quarantine?since=yesterday", BusClient.OPS).statusCode()).isEqualTo(400);

        var entry = read(bus().get("/api/v1/quarantine/" + id, BusClient.OPS));
        assertThat(entry.path("body").asText()).isEqualTo(body);
        assertThat(entry.path("status").asInt()).isEqualTo(401);
        assertThat(entry.path("replayed").asBoolean()).isFalse();
        assertThat(bus().get("/api/v1/quarantine/999999999", BusClient.OPS).statusCode()).isEqualTo(404);

        // replay: the partner's HMAC still matches, so the event goes on to Kafka, keyed by the member
        var replay = bus().postAs(BusClient.OPS, "/api/v1/quarantine/" + id + "/replay", "");
        assertThat(replay.statusCode()).isEqualTo(200);
        var replayed = json.readTree(replay.body());
        assertThat(replayed.path("replayed").asBoolean()).isTrue();
        assertThat(replayed.path("replayResult").asText()).isEqualTo("accepted");
        assertThat(replayed.path("replayStatus").asInt()).isEqualTo(202);
        assertThat(KafkaProbe.readAll(brokers, "community.activity"))
                .filteredOn(r -> eventId.equals(KafkaProbe.header(r, "eventId")))
                .singleElement().satisfies(r -> assertThat(r.key()).isEqualTo(m.crmContactId()));
        // again: the same event id, so nothing is published twice
        var again = json.readTree(bus().postAs(BusClient.OPS, "/api/v1/quarantine/" + id + "/replay", "").body());
        assertThat(again.path("replayResult").asText()).isEqualTo("duplicate");
        assertThat(again.path("replayCount").asInt()).isEqualTo(2);
        assertThat(KafkaProbe.readAll(brokers, "community.activity"))
                .filteredOn(r -> eventId.equals(KafkaProbe.header(r, "eventId"))).hasSize(1);

        // a forged call stays refused when replayed, and says why
        var forged = bus().postAs(BusClient.OPS, "/api/v1/quarantine/" + forgedId + "/replay", "");
        assertThat(forged.statusCode()).isEqualTo(422);
        assertThat(json.readTree(forged.body()).path("replayResult").asText()).isEqualTo("signature does not match the body");

        var metrics = bus().get("/actuator/prometheus", BusClient.OPS).body();
        assertThat(metrics).containsPattern("memberbus_quarantine_entries\\{.*source=\"community-webhook-source\".*\\} [1-9]");

        var openapi = read(bus().get("/api/v1/openapi.json", BusClient.OPS));
        assertThat(openapi.at("/paths/~1api~1v1~1quarantine/get/responses/200/description").asText()).isNotBlank();
        assertThat(openapi.at("/paths/~1api~1v1~1quarantine~1{id}/get/responses/404/description").asText()).isNotBlank();
        assertThat(openapi.at("/paths/~1api~1v1~1quarantine~1{id}~1replay/post/responses/422/description").asText()).isNotBlank();
    }

    // --- JSON answers ---

    @Test
    void answersStayJsonWhenAnIdOrAMessageHoldsQuotesAndBackslashes() throws Exception {
        var m = member(1);
        var eventId = "evt_\"quoted\\" + UUID.randomUUID() + "\"";
        var body = communityEvent(eventId, m);
        var accepted = bus().communityWebhook(body);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(json.readTree(accepted.body()).path("id").asText()).isEqualTo(eventId);
        var duplicate = bus().communityWebhook(body);
        assertThat(duplicate.statusCode()).isEqualTo(200);
        assertThat(json.readTree(duplicate.body()).path("status").asText()).isEqualTo("duplicate");
        assertThat(json.readTree(duplicate.body()).path("id").asText()).isEqualTo(eventId);

        var weird = "x\"y\\z";
        // (the servlet firewall refuses a backslash in a path before the bus sees it; a quote passes)
        var noMember = bus().get("/api/v1/members/" + URLEncoder.encode("x\"y", StandardCharsets.UTF_8) + "/sync", BusClient.OPS);
        assertThat(noMember.statusCode()).isEqualTo(404);
        assertThat(json.readTree(noMember.body()).path("error").asText()).startsWith("no sync ledger entry for member x");
        var badSince = bus().get("/api/v1/sync/decisions?since=" + URLEncoder.encode(weird, StandardCharsets.UTF_8), BusClient.OPS);
        assertThat(badSince.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badSince.body()).path("error").asText()).isNotBlank();
        var noJob = bus().postAs(BusClient.OPS, "/api/v1/jobs/" + URLEncoder.encode("x\"y", StandardCharsets.UTF_8) + "/run", "");
        assertThat(noJob.statusCode()).isEqualTo(404);
        assertThat(json.readTree(noJob.body()).path("jobs").size()).isEqualTo(2);
    }

    // --- payment facts keyed by member ---

    @Test
    void paymentFactsAreKeyedByTheMembersCrmIdOrByAPartnersIdForAStranger() throws Exception {
        var m = member(2);
        // the health snapshot links the member's gateway customer to their contact (seeded at start-up)
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from member_signals where gateway_customer_id = ?", Integer.class, m.gatewayCustomerId()) > 0);
        var known = paymentEvent("pi_known", "\"" + m.gatewayCustomerId() + "\"", "{}");
        var stranger = paymentEvent("pi_stranger", "\"cus_stranger" + UUID.randomUUID().toString().substring(0, 8) + "\"", "{}");
        var applicant = paymentEvent("pi_applicant", "null", "{\"purpose\":\"membership_join\",\"community_account_id\":\"cm_9"
                + UUID.randomUUID().toString().substring(0, 5) + "\"}");
        var anonymous = paymentEvent("pi_anonymous", "null", "{}");
        for (var event : new String[] {known, stranger, applicant, anonymous}) {
            assertThat(bus().gatewayWebhook(event).statusCode()).isEqualTo(202);
        }
        var records = KafkaProbe.readAll(brokers, "payment.events");
        assertThat(keyOf(records, known)).isEqualTo(m.crmContactId());
        assertThat(keyOf(records, stranger)).isEqualTo("gateway:" + json.readTree(stranger).at("/data/object/customer").asText());
        assertThat(keyOf(records, applicant)).isEqualTo("community:"
                + json.readTree(applicant).at("/data/object/metadata/community_account_id").asText());
        assertThat(keyOf(records, anonymous)).isEqualTo("gateway:" + json.readTree(anonymous).at("/data/object/id").asText());
        assertThat(records).noneSatisfy(r -> assertThat(r.key()).isEqualTo("gateway:null"));
    }

    String keyOf(java.util.List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records, String event) throws Exception {
        var id = json.readTree(event).path("id").asText();
        return records.stream().filter(r -> id.equals(KafkaProbe.header(r, "eventId"))).findFirst().orElseThrow().key();
    }

    /** A Stripe event about a charge that succeeded (not a dues payment: no flow acts on it beyond recording). */
    static String paymentEvent(String prefix, String customerJson, String metadataJson) {
        var id = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return """
                {"id":"evt_%s","object":"event","type":"charge.succeeded","created":%d,
                 "data":{"object":{"id":"ch_%s","object":"charge","amount":100,"currency":"usd","status":"succeeded",
                 "customer":%s,"metadata":%s}}}""".formatted(id, Instant.now().getEpochSecond(), id, customerJson, metadataJson);
    }

    JsonNode read(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
