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

    /**
     * A candidate who is new to the exam body (so tests do not collide), registered and authorised
     * for one sitting of {@code examCode} from today for 180 days; answers the booking body.
     */
    static Map<String, Object> booking(String examCode, LocalDate preferredDate) {
        int n = nextContact++;
        var contact = DemoAssociation.sfId("003", n);
        assertThat(client.send("PUT", "/api/v1/candidates/" + contact, Map.of("memberNumber", String.format("M%06d", n),
                "firstName", "Test", "lastName", "Candidate" + n, "email", "candidate" + n + "@example.org"),
                Map.of("X-Api-Key", SimulatorClient.API_KEY)).status()).isEqualTo(201);
        var application = DemoAssociation.sfId("a07", n);
        assertThat(client.send("PUT", "/api/v1/authorizations/" + application, Map.of("clientCandidateId", contact,
                "examCode", examCode, "examAuthorizationCount", 1, "eligibilityApptDateFirst", TODAY.toString(),
                "eligibilityApptDateLast", TODAY.plusDays(180).toString(), "applicationId", application),
                Map.of("X-Api-Key", SimulatorClient.API_KEY)).status()).isEqualTo(201);
        return Map.of("authorizationId", application, "preferredDate", preferredDate.toString());
    }

    static SimulatorClient.Response put(String path, Map<String, Object> body) {
        return client.send("PUT", path, body, Map.of("X-Api-Key", SimulatorClient.API_KEY));
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
        assertThat(appointment.get("applicationId").asText()).isEqualTo(request.get("authorizationId"));
        assertThat(appointment.get("authorizationId").asText()).isEqualTo(request.get("authorizationId"));
        assertThat(appointment.at("/candidate/email").asText()).endsWith("@example.org");
        var scheduledAt = Instant.parse(appointment.get("scheduledAt").asText());
        assertThat(scheduledAt).isAfterOrEqualTo(TODAY.plusDays(10).atStartOfDay().toInstant(ZoneOffset.UTC));
        assertThat(appointment.at("/location/name").asText()).isNotBlank();

        var id = appointment.get("id").asText();
        assertThat(client.get("/api/v1/appointments/" + id).json()).isEqualTo(appointment);
        var contactId = appointment.at("/candidate/crmContactId").asText();
        assertThat(client.get("/api/v1/appointments?crmContactId=" + contactId).json().get("data"))
                .singleElement().satisfies(a -> assertThat(a.get("id").asText()).isEqualTo(id));
        // a second booking while one is pending is refused: its authorization's one sitting is taken
        var again = client.post("/api/v1/appointments", request);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).isEqualTo("authorization_used");

        var cancelled = client.delete("/api/v1/appointments/" + id);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(client.get("/api/v1/appointments/" + id).json().get("status").asText()).isEqualTo("cancelled");
        assertThat(client.get("/api/v1/appointments/apt_unknown").status()).isEqualTo(404);
        assertThat(client.post("/api/v1/appointments", request).status()).isEqualTo(201);
    }

    @Test
    void invalidBookingsAreRefusedWithEveryReason() {
        var refused = client.post("/api/v1/appointments", Map.of("preferredDate", TODAY.minusDays(1).toString()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(refused.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("authorizationId", "preferredDate");
        var badDate = client.post("/api/v1/appointments", Map.of("authorizationId", "x", "preferredDate", "31/12/2030"));
        assertThat(badDate.json().get("errors").toString()).contains("must be a date as YYYY-MM-DD");
        var notJson = client.send("POST", "/api/v1/appointments", "{oops", Map.of("X-Api-Key", SimulatorClient.API_KEY));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").asText()).isEqualTo("invalid_json");

        var badCandidate = put("/api/v1/candidates/not-an-id", Map.of("firstName", "Ada", "email", "ada-at-example"));
        assertThat(badCandidate.status()).isEqualTo(400);
        assertThat(badCandidate.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("clientCandidateId", "lastName", "email");
        var badAuthorization = put("/api/v1/authorizations/" + DemoAssociation.sfId("a07", 1), Map.of("examCode", "XYZ-999",
                "eligibilityApptDateFirst", TODAY.toString(), "eligibilityApptDateLast", TODAY.minusDays(1).toString()));
        assertThat(badAuthorization.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("clientCandidateId", "examCode", "eligibilityApptDateLast");
    }

    @Test
    void aSittingIsBookedOnlyAgainstAnAuthorizationInForceForARegisteredCandidate() {
        int n = nextContact++;
        var contact = DemoAssociation.sfId("003", n);
        var auth = DemoAssociation.sfId("a07", n);
        var terms = Map.<String, Object>of("clientCandidateId", contact, "examCode", "CDS-201",
                "eligibilityApptDateFirst", TODAY.plusDays(3).toString(), "eligibilityApptDateLast", TODAY.plusDays(30).toString());
        // no booking without an authorization, and no authorization before the candidate is registered
        var unauthorized = client.post("/api/v1/appointments", Map.of("authorizationId", auth,
                "preferredDate", TODAY.plusDays(5).toString()));
        assertThat(unauthorized.status()).isEqualTo(409);
        assertThat(unauthorized.json().get("error").asText()).isEqualTo("not_authorized");
        var unknown = put("/api/v1/authorizations/" + auth, terms);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("error").asText()).isEqualTo("unknown_candidate");

        // registered and authorised: each an upsert by the client's id, the same call again changes nothing
        var candidate = Map.<String, Object>of("firstName", "Grace", "lastName", "Hopper", "email", "grace" + n + "@example.org");
        var registered = put("/api/v1/candidates/" + contact, candidate);
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("candidateId").asText()).startsWith("cand_");
        var again = put("/api/v1/candidates/" + contact, candidate);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(registered.json());
        var authorized = put("/api/v1/authorizations/" + auth, terms);
        assertThat(authorized.status()).isEqualTo(201);
        assertThat(authorized.json().get("status").asText()).isEqualTo("active");
        assertThat(put("/api/v1/authorizations/" + auth, terms).status()).isEqualTo(200);
        assertThat(client.get("/api/v1/authorizations?clientCandidateId=" + contact).json().get("data")).hasSize(1);

        // outside its window: refused; inside: booked, and the one sitting it allows is used
        var early = client.post("/api/v1/appointments", Map.of("authorizationId", auth, "preferredDate", TODAY.plusDays(1).toString()));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("error").asText()).isEqualTo("outside_eligibility_window");
        var booked = client.post("/api/v1/appointments", Map.of("authorizationId", auth, "preferredDate", TODAY.plusDays(5).toString()));
        assertThat(booked.status()).isEqualTo(201);
        assertThat(booked.json().at("/candidate/lastName").asText()).isEqualTo("Hopper");
        assertThat(booked.json().get("examCode").asText()).isEqualTo("CDS-201");
        assertThat(client.get("/api/v1/authorizations/" + auth).json().get("status").asText()).isEqualTo("used");
        client.delete("/api/v1/appointments/" + booked.json().get("id").asText());
        assertThat(client.get("/api/v1/authorizations/" + auth).json().get("status").asText()).isEqualTo("active");

        // withdrawn by the client: no booking against it any more
        assertThat(client.delete("/api/v1/authorizations/" + auth).json().get("status").asText()).isEqualTo("deleted");
        assertThat(client.post("/api/v1/appointments", Map.of("authorizationId", auth,
                "preferredDate", TODAY.plusDays(6).toString())).json().get("error").asText()).isEqualTo("not_authorized");
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

        var other = Map.of("authorizationId", request.get("authorizationId"), "preferredDate", TODAY.plusDays(6).toString());
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

        // a second authorization for the retake, as the client makes one per sitting
        var contact = appointment.at("/candidate/crmContactId").asText();
        var retakeAuth = request.get("authorizationId") + "-2";
        assertThat(put("/api/v1/authorizations/" + retakeAuth, Map.of("clientCandidateId", contact, "examCode", "CAP-101",
                "eligibilityApptDateFirst", TODAY.toString(), "eligibilityApptDateLast", TODAY.plusDays(180).toString()))
                .status()).isEqualTo(201);
        var retake = new java.util.HashMap<String, Object>(Map.of("authorizationId", retakeAuth,
                "preferredDate", TODAY.plusDays(30).toString()));
        var refused = client.post("/api/v1/appointments", retake);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("retake_waiting_period");
        var eligibleFrom = LocalDate.parse(refused.json().get("eligibleFrom").asText());
        assertThat(eligibleFrom).isEqualTo(TODAY.plusDays(90));
        assertThat(refused.json().get("message").asText()).contains("CAP-101", eligibleFrom.toString(), "90 days");
        // the refused booking left the authorization's sitting free
        assertThat(client.get("/api/v1/authorizations/" + retakeAuth).json().get("appointmentsUsed").asInt()).isZero();

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
        // the demo candidates are registered, each with the authorization of their sitting (used)
        assertThat(client.get("/api/v1/candidates/" + failed.member().crmContactId()).status()).isEqualTo(200);
        var retakeAuth = "retake-" + failed.member().number();
        assertThat(put("/api/v1/authorizations/" + retakeAuth, Map.of("clientCandidateId", failed.member().crmContactId(),
                "examCode", failed.exam().code(), "eligibilityApptDateFirst", TODAY.toString(),
                "eligibilityApptDateLast", TODAY.plusDays(30).toString())).status()).isEqualTo(201);
        var retake = client.post("/api/v1/appointments", Map.of("authorizationId", retakeAuth,
                "preferredDate", TODAY.plusDays(1).toString()));
        assertThat(retake.status()).isEqualTo(409);
        assertThat(retake.json().get("error").asText()).isEqualTo("retake_waiting_period");
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
