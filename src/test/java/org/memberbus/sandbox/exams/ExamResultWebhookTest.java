package org.memberbus.sandbox.exams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memberbus.inbound.InboundRejectedException;
import org.memberbus.inbound.WebhookSignature;
import org.memberbus.sandbox.SimulatorHost;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Sitting an exam sends a signed {@code exam.result} webhook, retried while the receiver fails. */
class ExamResultWebhookTest {

    static final String SECRET = "whsec_exams_sandbox";
    static final WebhookSignature SIGNATURES = new WebhookSignature(Clock.systemUTC(), 300);

    @TempDir
    static Path dataDir;
    static SimulatorHost host;
    static SimulatorClient client;
    static int nextContact = 9500;

    /** A local endpoint that records what it gets and answers the queued statuses, then 200. */
    static final class Receiver implements AutoCloseable {
        record Call(String signature, String body) {}

        final Queue<Call> calls = new ConcurrentLinkedQueue<>();
        final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
        final HttpServer server;

        Receiver(Integer... firstStatuses) throws IOException {
            statuses.addAll(List.of(firstStatuses));
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/webhooks/exams", exchange -> {
                var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                calls.add(new Call(exchange.getRequestHeaders().getFirst("X-Exam-Signature"), body));
                var status = statuses.poll();
                exchange.sendResponseHeaders(status == null ? 200 : status, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/exams";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @BeforeAll
    static void start() {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "sandbox.data-dir", dataDir.toString(),
                "sandbox.exams.webhook-initial-delay-ms", "50",
                "sandbox.exams.webhook-max-attempts", "4")));
        host = SimulatorHost.start(ExamsSimulator.NAME, 0, env, ExamsSimulator.class);
        client = new SimulatorClient(host.port());
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @AfterEach
    void unregisterWebhooks() {
        for (var webhook : client.get("/api/v1/webhooks").json().get("data")) {
            client.delete("/api/v1/webhooks/" + webhook.get("id").asText());
        }
    }

    static JsonNode bookAndSit(Map<String, Object> sitting) {
        int n = nextContact++;
        var contact = DemoAssociation.sfId("003", n);
        var application = DemoAssociation.sfId("a07", n);
        var key = Map.of("X-Api-Key", SimulatorClient.API_KEY);
        client.send("PUT", "/api/v1/candidates/" + contact, Map.of("memberNumber", String.format("M%06d", n),
                "firstName", "Webhook", "lastName", "Candidate", "email", "webhook" + n + "@example.org"), key);
        client.send("PUT", "/api/v1/authorizations/" + application, Map.of("clientCandidateId", contact,
                "examCode", "CDS-201", "eligibilityApptDateFirst", LocalDate.now().toString(),
                "eligibilityApptDateLast", LocalDate.now().plusDays(30).toString(), "applicationId", application), key);
        var appointment = client.post("/api/v1/appointments", Map.of("authorizationId", application,
                "preferredDate", LocalDate.now().plusDays(1).toString())).json();
        var result = client.send("POST", "/__sandbox/appointments/" + appointment.get("id").asText() + "/complete",
                sitting, Map.of());
        assertThat(result.status()).isEqualTo(201);
        return result.json();
    }

    static void register(String url) {
        var webhook = client.post("/api/v1/webhooks", Map.of("url", url));
        assertThat(webhook.status()).isEqualTo(201);
        assertThat(webhook.json().get("id").asText()).startsWith("wh_");
    }

    static JsonNode deliveriesOf(String eventId) {
        return client.send("GET", "/__sandbox/deliveries?eventId=" + eventId, null, Map.of()).json().get("data");
    }

    @Test
    void aResultIsDeliveredSignedToTheRegisteredEndpoint() throws Exception {
        try (var receiver = new Receiver()) {
            register(receiver.url());
            var result = bookAndSit(Map.of("score", 88));
            assertThat(result.get("resultId").asText()).startsWith("res_");
            assertThat(result.get("passed").asBoolean()).isTrue();
            assertThat(result.get("passingScore").asInt()).isEqualTo(75);

            await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.calls.isEmpty());
            var call = receiver.calls.peek();
            assertThat(call.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
            assertThatCode(() -> SIGNATURES.verify(SECRET, call.signature(), call.body())).doesNotThrowAnyException();
            assertThatThrownBy(() -> SIGNATURES.verify("whsec_other", call.signature(), call.body()))
                    .isInstanceOf(InboundRejectedException.class);

            var event = SimulatorClient.JSON.readTree(call.body());
            assertThat(event.get("id").asText()).startsWith("evt_");
            assertThat(event.get("type").asText()).isEqualTo("exam.result");
            assertThat(Instant.parse(event.get("created").asText())).isBeforeOrEqualTo(Instant.now());
            var data = event.get("data");
            assertThat(data).isEqualTo(result);
            for (var field : List.of("resultId", "appointmentId", "applicationId", "crmContactId", "examCode", "score",
                    "passingScore", "passed", "takenAt")) {
                assertThat(data.has(field)).as(field).isTrue();
            }
            // readable back through the API
            assertThat(client.get("/api/v1/results/" + result.get("resultId").asText()).json()).isEqualTo(result);
            assertThat(client.get("/api/v1/results?crmContactId=" + result.get("crmContactId").asText()).json().get("data"))
                    .singleElement().isEqualTo(result);
            var appointment = client.get("/api/v1/appointments/" + result.get("appointmentId").asText()).json();
            assertThat(appointment.get("status").asText()).isEqualTo("completed");
            assertThat(appointment.get("resultId")).isEqualTo(result.get("resultId"));

            await().atMost(Duration.ofSeconds(5)).until(() -> deliveriesOf(event.get("id").asText()).size() == 1
                    && deliveriesOf(event.get("id").asText()).get(0).get("state").asText().equals("delivered"));
            var delivery = deliveriesOf(event.get("id").asText()).get(0);
            assertThat(delivery.get("attempts")).singleElement()
                    .satisfies(a -> assertThat(a.get("status").asInt()).isEqualTo(200));
        }
    }

    @Test
    void aReceiverAnswering5xxGetsTheEventAgain() throws Exception {
        try (var receiver = new Receiver(500, 503)) {
            register(receiver.url());
            var result = bookAndSit(Map.of("passed", false));
            assertThat(result.get("passed").asBoolean()).isFalse();
            assertThat(result.get("score").asInt()).isLessThan(75);

            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.calls.size() == 3);
            var bodies = receiver.calls.stream().map(Receiver.Call::body).distinct().toList();
            assertThat(bodies).hasSize(1);
            for (var call : receiver.calls) {
                assertThatCode(() -> SIGNATURES.verify(SECRET, call.signature(), call.body())).doesNotThrowAnyException();
            }
            var eventId = SimulatorClient.JSON.readTree(bodies.get(0)).get("id").asText();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> deliveriesOf(eventId).get(0).get("state").asText().equals("delivered"));
            assertThat(deliveriesOf(eventId).get(0).get("attempts").findValuesAsText("status"))
                    .containsExactly("500", "503", "200");
        }
    }

    @Test
    void anUnreachableReceiverIsRetriedABoundedNumberOfTimes() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        register("http://127.0.0.1:" + closedPort + "/webhooks/exams");
        bookAndSit(Map.of("score", 90));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.send("GET", "/__sandbox/deliveries?state=failed",
                null, Map.of()).json().get("data").size() == 1);
        var failed = client.send("GET", "/__sandbox/deliveries?state=failed", null, Map.of()).json().get("data").get(0);
        assertThat(failed.get("attempts")).hasSize(4);
        assertThat(failed.get("attempts").get(0).get("error").asText()).isNotBlank();
    }

    @Test
    void anEventCanBeResentAndAnAppointmentSatOnlyOnce() throws Exception {
        try (var receiver = new Receiver()) {
            register(receiver.url());
            var result = bookAndSit(Map.of("score", 40));
            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.calls.size() == 1);
            var eventId = SimulatorClient.JSON.readTree(receiver.calls.peek().body()).get("id").asText();
            assertThat(client.send("POST", "/__sandbox/events/" + eventId + "/resend", null, Map.of()).status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.calls.size() == 2);
            assertThat(receiver.calls.stream().map(c -> c.body()).distinct()).hasSize(1);

            var again = client.send("POST", "/__sandbox/appointments/" + result.get("appointmentId").asText() + "/complete",
                    Map.of("score", 99), Map.of());
            assertThat(again.status()).isEqualTo(409);
            var unknown = client.send("POST", "/__sandbox/appointments/apt_nope/complete", Map.of("score", 99), Map.of());
            assertThat(unknown.status()).isEqualTo(404);
        }
    }

    @Test
    void webhooksAreRegisteredListedAndDeleted() {
        assertThat(client.post("/api/v1/webhooks", Map.of("url", "not a url")).status()).isEqualTo(400);
        assertThat(client.post("/api/v1/webhooks", Map.of()).status()).isEqualTo(400);
        register("http://127.0.0.1:1/hook");
        var again = client.post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:1/hook"));
        assertThat(again.status()).isEqualTo(200);
        var list = client.get("/api/v1/webhooks").json().get("data");
        assertThat(list).singleElement().satisfies(w -> {
            assertThat(w.get("url").asText()).isEqualTo("http://127.0.0.1:1/hook");
            assertThat(w.get("events").get(0).asText()).isEqualTo("exam.result");
        });
        var id = list.get(0).get("id").asText();
        assertThat(client.delete("/api/v1/webhooks/" + id).json().get("deleted").asBoolean()).isTrue();
        assertThat(client.delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(client.send("GET", "/api/v1/webhooks", null, Map.of()).status()).isEqualTo(401);
    }
}
