package org.memberbus.sandbox.exams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memberbus.sandbox.SimulatorHost;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The REST exam body as the bus uses it: API key, catalogue, booking, retakes, faults. */
class ExamsApiTest {

    @TempDir
    static Path dataDir;
    static SimulatorHost host;
    static SimulatorClient client;
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static int nextContact = 9000;

    @BeforeAll
    static void start() {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("sandbox.data-dir", dataDir.toString())));
        host = SimulatorHost.start(ExamsSimulator.NAME, 0, env, ExamsSimulator.class);
        client = new SimulatorClient(host.port());
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @AfterEach
    void clearFaults() {
        client.send("DELETE", "/__sandbox/faults", null, Map.of());
    }

    /** A candidate who is new to the exam body, so tests do not collide. */
    static Map<String, Object> booking(String examCode, LocalDate preferredDate) {
        int n = nextContact++;
        return Map.of("candidate", Map.of("crmContactId", DemoAssociation.sfId("003", n),
                        "memberNumber", String.format("M%06d", n), "firstName", "Test", "lastName", "Candidate" + n,
                        "email", "candidate" + n + "@example.org"),
                "examCode", examCode, "applicationId", DemoAssociation.sfId("a07", n),
                "preferredDate", preferredDate.toString());
    }

    @Test
    void theApiNeedsTheKey() {
        var missing = client.send("GET", "/api/v1/exams", null, Map.of());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(client.send("GET", "/api/v1/exams", null, Map.of("X-Api-Key", "wrong")).status()).isEqualTo(401);
        assertThat(client.get("/api/v1/exams").status()).isEqualTo(200);
    }

    @Test
    void theCatalogueHasAnExamPerProgramOfTheAssociation() {
        var exams = client.get("/api/v1/exams").json().get("data");
        var programs = DemoAssociation.generate(TODAY).members().stream()
                .filter(m -> m.certification() != null).map(m -> m.certification().program()).collect(Collectors.toSet());
        assertThat(exams).hasSize(3);
        assertThat(exams.findValuesAsText("name")).containsExactlyInAnyOrderElementsOf(programs);
        assertThat(exams.findValuesAsText("code")).containsExactly("CAP-101", "CDS-201", "CEM-301");
        var cap = exams.get(0);
        assertThat(cap.get("name").asText()).isEqualTo("Certified Association Professional");
        assertThat(cap.get("passingScore").asInt()).isEqualTo(70);
        assertThat(cap.get("durationMinutes").asInt()).isPositive();
        assertThat(cap.get("retakeWaitingPeriodDays").asInt()).isEqualTo(90);
        assertThat(client.get("/api/v1/exams/CDS-201").json().get("passingScore").asInt()).isEqualTo(75);
        assertThat(client.get("/api/v1/exams/XYZ-999").status()).isEqualTo(404);
    }

    @Test
    void anAppointmentIsScheduledReadAndCancelled() {
        var request = booking("CDS-201", TODAY.plusDays(10));
        var created = client.post("/api/v1/appointments", request);
        assertThat(created.status()).isEqualTo(201);
        var appointment = created.json();
        assertThat(appointment.get("id").asText()).startsWith("apt_");
        assertThat(appointment.get("status").asText()).isEqualTo("scheduled");
        assertThat(appointment.get("examCode").asText()).isEqualTo("CDS-201");
        assertThat(appointment.get("applicationId").asText()).isEqualTo(request.get("applicationId"));
        assertThat(appointment.at("/candidate/email").asText()).endsWith("@example.org");
        var scheduledAt = Instant.parse(appointment.get("scheduledAt").asText());
        assertThat(scheduledAt).isAfterOrEqualTo(TODAY.plusDays(10).atStartOfDay().toInstant(ZoneOffset.UTC));
        assertThat(appointment.at("/location/name").asText()).isNotBlank();

        var id = appointment.get("id").asText();
        assertThat(client.get("/api/v1/appointments/" + id).json()).isEqualTo(appointment);
        var contactId = appointment.at("/candidate/crmContactId").asText();
        assertThat(client.get("/api/v1/appointments?crmContactId=" + contactId).json().get("data"))
                .singleElement().satisfies(a -> assertThat(a.get("id").asText()).isEqualTo(id));
        // a second booking of the same exam while one is pending is refused
        var again = client.post("/api/v1/appointments", request);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).isEqualTo("already_scheduled");

        var cancelled = client.delete("/api/v1/appointments/" + id);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(client.get("/api/v1/appointments/" + id).json().get("status").asText()).isEqualTo("cancelled");
        assertThat(client.get("/api/v1/appointments/apt_unknown").status()).isEqualTo(404);
        assertThat(client.post("/api/v1/appointments", request).status()).isEqualTo(201);
    }

    @Test
    void invalidBookingsAreRefusedWithEveryReason() {
        var bad = Map.of("candidate", Map.of("crmContactId", "not-an-id", "firstName", "Ada", "email", "ada-at-example"),
                "examCode", "XYZ-999", "applicationId", DemoAssociation.sfId("a07", 1),
                "preferredDate", TODAY.minusDays(1).toString());
        var refused = client.post("/api/v1/appointments", bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "candidate.crmContactId", "candidate.lastName", "candidate.email", "examCode", "preferredDate");

        var noCandidate = client.post("/api/v1/appointments", Map.of("examCode", "CAP-101"));
        assertThat(noCandidate.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("candidate", "applicationId", "preferredDate");
        var badDate = client.post("/api/v1/appointments", Map.of("examCode", "CAP-101", "preferredDate", "31/12/2030"));
        assertThat(badDate.json().get("errors").toString()).contains("must be a date as YYYY-MM-DD");
        var notJson = client.send("POST", "/api/v1/appointments", "{oops", Map.of("X-Api-Key", SimulatorClient.API_KEY));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").asText()).isEqualTo("invalid_json");
    }

    @Test
    void bookingIsIdempotentOnTheIdempotencyKey() {
        var request = booking("CEM-301", TODAY.plusDays(5));
        var headers = Map.of("X-Api-Key", SimulatorClient.API_KEY, "Idempotency-Key", "booking-" + request.hashCode());
        var first = client.send("POST", "/api/v1/appointments", request, headers);
        var second = client.send("POST", "/api/v1/appointments", request, headers);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        var contactId = first.json().at("/candidate/crmContactId").asText();
        assertThat(client.get("/api/v1/appointments?crmContactId=" + contactId).json().get("data")).hasSize(1);

        var other = booking("CEM-301", TODAY.plusDays(6));
        var reused = client.send("POST", "/api/v1/appointments", other, headers);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("error").asText()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void aRetakeBeforeTheWaitingPeriodIsRefused() {
        var request = booking("CAP-101", TODAY);
        var appointment = client.post("/api/v1/appointments", request).json();
        var sat = client.send("POST", "/__sandbox/appointments/" + appointment.get("id").asText() + "/complete",
                Map.of("score", 52), Map.of());
        assertThat(sat.status()).isEqualTo(201);
        assertThat(sat.json().get("passed").asBoolean()).isFalse();

        var retake = new java.util.HashMap<>(request);
        retake.put("preferredDate", TODAY.plusDays(30).toString());
        var refused = client.post("/api/v1/appointments", retake);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("retake_waiting_period");
        var eligibleFrom = LocalDate.parse(refused.json().get("eligibleFrom").asText());
        assertThat(eligibleFrom).isEqualTo(TODAY.plusDays(90));
        assertThat(refused.json().get("message").asText()).contains("CAP-101", eligibleFrom.toString(), "90 days");

        retake.put("preferredDate", eligibleFrom.toString());
        assertThat(client.post("/api/v1/appointments", retake).status()).isEqualTo(201);
    }

    @Test
    void theDemoHistoryIsSeeded() {
        var demo = DemoAssociation.generate(LocalDate.now());
        var holder = demo.members().stream().filter(m -> m.certification() != null).findFirst().orElseThrow();
        var results = client.get("/api/v1/results?crmContactId=" + holder.crmContactId()).json().get("data");
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.get("passed").asBoolean()).isTrue();
            assertThat(r.get("examCode").asText())
                    .isEqualTo(ExamCatalogue.forProgram(holder.certification().program()).code());
            assertThat(client.get("/api/v1/results/" + r.get("resultId").asText()).json()).isEqualTo(r);
        });
        var failed = ExamCandidates.pursuing(demo).stream()
                .filter(p -> ExamCandidates.cohort(p.member()) == ExamCandidates.Cohort.FAILED_RECENTLY)
                .filter(p -> p.member().number() % 40 < 20).findFirst().orElseThrow();
        var retake = client.post("/api/v1/appointments", Map.of("candidate", Map.of(
                        "crmContactId", failed.member().crmContactId(), "firstName", failed.member().firstName(),
                        "lastName", failed.member().lastName(), "email", failed.member().email()),
                "examCode", failed.exam().code(), "applicationId", ExamCandidates.applicationId(failed.member()),
                "preferredDate", TODAY.plusDays(1).toString()));
        assertThat(retake.status()).isEqualTo(409);
        assertThat(client.get("/api/v1/results/res_unknown").status()).isEqualTo(404);
    }

    @Test
    void faultsAreSwitchedAtRunTime() {
        client.send("POST", "/__sandbox/faults", Map.of("rateLimitNext", 2), Map.of());
        assertThat(client.send("GET", "/__sandbox/faults", null, Map.of()).json().get("rateLimitNext").asInt()).isEqualTo(2);
        var limited = client.get("/api/v1/exams");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(client.get("/api/v1/exams").status()).isEqualTo(429);
        assertThat(client.get("/api/v1/exams").status()).isEqualTo(200);

        client.send("POST", "/__sandbox/faults", Map.of("errorRate", 1.0), Map.of());
        assertThat(client.get("/api/v1/exams").status()).isEqualTo(500);
        // the sandbox controls stay reachable
        assertThat(client.send("GET", "/__sandbox/deliveries", null, Map.of()).status()).isEqualTo(200);
        client.send("DELETE", "/__sandbox/faults", null, Map.of());
        assertThat(client.get("/api/v1/exams").status()).isEqualTo(200);
        assertThat(client.send("POST", "/__sandbox/faults", Map.of("errorRate", 2), Map.of()).status()).isEqualTo(400);
    }
}
