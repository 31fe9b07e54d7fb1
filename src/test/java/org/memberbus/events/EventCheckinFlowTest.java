package org.memberbus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberbus.KafkaProbe;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.TestUsers;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.memberbus.sandbox.demo.Standing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Check-in across the whole bus: registered members get QR codes signed by the bus; a kiosk checks
 * one in, a reused and a forged code are refused with the reason, an offline kiosk's batch sent
 * twice counts once; the CRM and the community's roster hold the attendance.
 * Demo members of their own (number % 97 == 89).
 */
@SandboxTest
class EventCheckinFlowTest {

    static final Duration PATIENCE = Duration.ofSeconds(40);
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final List<DemoMember> OURS = DemoAssociation.generate(TODAY).members().stream()
            .filter(m -> m.number() % 97 == 89 && m.status() == Standing.ACTIVE).toList();

    @LocalServerPort int port;
    @Value("${memberbus.community.url}") String communityUrl;
    @Value("${memberbus.gateway.url}") String gatewayUrl;
    @Value("${memberbus.gateway.api-key}") String gatewayKey;
    @Value("${memberbus.kafka.brokers}") String brokers;
    @Value("${memberbus.events.ceu-rules-path}") String ceuRulesPath;
    @Autowired PartnerProbe partners;

    @Test
    void aKioskChecksInOnceAForgedOrReusedCodeIsRefusedAndABatchSentTwiceCountsOnce() {
        var outside = new EventsOutside(port, partners, communityUrl, gatewayUrl, gatewayKey);
        var eventId = partners.createSObject("Association_Event__c", """
                {"Name": "Conference %s", "Start_Date__c": "%s", "Capacity__c": 10, "Status__c": "Open",
                 "Member_Price__c": 50.00, "Non_Member_Price__c": 90.00, "CEU_Credits__c": 2}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), TODAY));
        await().atMost(PATIENCE).until(() -> outside.hasPage(eventId));
        var people = OURS.subList(0, 3);
        var absent = OURS.get(3);
        var payments = new ArrayList<String>();
        for (var person : people) {
            payments.add(outside.pay(5000, person.crmContactId(), eventId));
        }
        var absentPayment = outside.pay(5000, absent.crmContactId(), eventId);
        await().atMost(PATIENCE).untilAsserted(() -> payments.forEach(p ->
                assertThat(outside.registration(p)).as(p).isNotNull()));
        await().atMost(PATIENCE).until(() -> outside.registration(absentPayment) != null);
        var tokens = payments.stream().map(p -> outside.get(TestUsers.VIEWER,
                "/api/v1/events/registrations/" + p + "/qr", 200).path("token").asText()).toList();

        // the mobile app: one check-in; the same code again is refused as reused
        var first = outside.post(TestUsers.OPERATOR, "/api/v1/checkins", "{\"token\": \"" + tokens.get(0) + "\"}", 200);
        assertThat(first.path("result").asText()).isEqualTo("recorded");
        var reused = outside.post(TestUsers.OPERATOR, "/api/v1/checkins", "{\"token\": \"" + tokens.get(0) + "\"}", 409);
        assertThat(reused.path("error").asText()).contains("used already");

        // a forged code: the payload of one registration with another's signature; garbage
        var a = tokens.get(1).split("\\.");
        var payload = new String(Base64.getUrlDecoder().decode(a[1])).replace(people.get(1).crmContactId(), people.get(0).crmContactId());
        var forged = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + a[2];
        assertThat(outside.post(TestUsers.OPERATOR, "/api/v1/checkins", "{\"token\": \"" + forged + "\"}", 403)
                .path("error").asText()).contains("signature");
        assertThat(outside.post(TestUsers.OPERATOR, "/api/v1/checkins", "{\"token\": \"not-a-code\"}", 400)
                .path("error").asText()).contains("not one the bus issued");
        outside.post(TestUsers.OPERATOR, "/api/v1/checkins", "[1, 2]", 400);

        // an offline kiosk uploads its batch, and then again (it did not see the answer)
        var at = Instant.now().minusSeconds(600);
        var batch = """
                {"checkins": [{"token": "%s", "clientId": "kiosk-7:%s:1", "checkedInAt": "%s"},
                              {"token": "%s", "clientId": "kiosk-7:%s:2", "checkedInAt": "%s"},
                              {"token": "%s", "clientId": "kiosk-7:%s:3", "checkedInAt": "%s"}]}"""
                .formatted(tokens.get(1), eventId, at, tokens.get(2), eventId, at, forged, eventId, at);
        var once = outside.post(TestUsers.OPERATOR, "/api/v1/checkins", batch, 200);
        assertThat(once.path("counts").path("recorded").asInt()).isEqualTo(2);
        assertThat(once.path("counts").path("refused").asInt()).isEqualTo(1);
        var twice = outside.post(TestUsers.OPERATOR, "/api/v1/checkins", batch, 200);
        assertThat(twice.path("counts").path("recorded").asInt()).isZero();
        assertThat(twice.path("counts").path("duplicate").asInt()).isEqualTo(2);

        await().atMost(PATIENCE).untilAsserted(() -> {
            for (var p : payments) {
                assertThat(outside.registration(p).path("Status__c").asText()).as(p).isEqualTo("Attended");
                assertThat(outside.registration(p).path("Checked_In_At__c").asText()).as(p).isNotEmpty();
            }
            var roster = outside.roster(eventId);
            people.forEach(p -> assertThat(roster).containsEntry(p.crmContactId(), "ATTENDED"));
            assertThat(roster).containsEntry(absent.crmContactId(), "REGISTERED");
        });
        assertThat(partners.soql("SELECT Id FROM Event_Registration__c WHERE Association_Event__c = '" + eventId + "'")
                .path("totalSize").asInt()).isEqualTo(4);

        // staff close the event: CEUs by config/ceu-rules.yaml, every decision kept with its figures
        partners.updateSObject("Association_Event__c", eventId, "{\"Status__c\": \"Completed\"}");
        var attendee = people.get(1).crmContactId();
        await().atMost(PATIENCE).untilAsserted(() -> {
            var credits = partners.soql("SELECT Contact__c, Credits__c, Source_Key__c FROM CE_Credit__c WHERE Source_Key__c LIKE 'event:%'");
            var ours = new java.util.HashMap<String, Double>();
            credits.path("records").forEach(r -> ours.put(r.path("Source_Key__c").asText(), r.path("Credits__c").asDouble()));
            for (var p : payments) {
                assertThat(ours).containsEntry("event:" + p, 2.0);
            }
            assertThat(ours).doesNotContainKey("event:" + absentPayment);
        });
        var awarded = outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId + "/ceu/" + attendee, 200);
        assertThat(awarded.path("awarded").asBoolean()).isTrue();
        assertThat(awarded.path("credits").asDouble()).isEqualTo(2.0);
        assertThat(awarded.path("rule").asText()).isEqualTo("default");
        assertThat(awarded.path("figures").path("checkedIn").asBoolean()).isTrue();
        var notAwarded = outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId + "/ceu/" + absent.crmContactId(), 200);
        assertThat(notAwarded.path("awarded").asBoolean()).isFalse();
        assertThat(notAwarded.path("reason").asText()).contains("no attendance");
        outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId + "/ceu/003000000000000AAA", 404);
        outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId + "/ceu/nobody", 400);

        // the facts, keyed by member
        var attendance = KafkaProbe.readAll(brokers, "attendance.recorded").stream()
                .filter(r -> r.value().contains(eventId)).toList();
        assertThat(attendance).hasSize(3).allSatisfy(r -> assertThat(r.value()).contains(r.key()));
        var ceus = KafkaProbe.readAll(brokers, "ceu.awarded").stream().filter(r -> r.value().contains(eventId)).toList();
        assertThat(ceus).extracting(r -> r.key()).containsExactlyInAnyOrder(
                people.get(0).crmContactId(), people.get(1).crmContactId(), people.get(2).crmContactId());
        assertThat(KafkaProbe.readAll(brokers, "registration.created").stream()
                .filter(r -> r.value().contains(eventId))).hasSize(4);
    }

    /** A kiosk logs in as itself (role KIOSK): it checks people in, and may do nothing else. */
    @Test
    void aKioskChecksInWithItsOwnCredentialAndMayDoNothingElse() {
        var outside = new EventsOutside(port, partners, communityUrl, gatewayUrl, gatewayKey);
        var eventId = partners.createSObject("Association_Event__c", """
                {"Name": "Kiosk day %s", "Start_Date__c": "%s", "Capacity__c": 10, "Status__c": "Open",
                 "Member_Price__c": 50.00, "Non_Member_Price__c": 90.00}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), TODAY));
        await().atMost(PATIENCE).until(() -> outside.hasPage(eventId));
        var person = OURS.get(5);
        var payment = outside.pay(5000, person.crmContactId(), eventId);
        await().atMost(PATIENCE).until(() -> outside.registration(payment) != null);
        var token = outside.get(TestUsers.VIEWER, "/api/v1/events/registrations/" + payment + "/qr", 200).path("token").asText();
        var checkin = "{\"token\": \"" + token + "\", \"clientId\": \"kiosk-7:" + payment + "\"}";

        // no credentials, or a wrong password: 401; a staff viewer may not check in: 403
        assertThat(outside.bus().post("/api/v1/checkins", checkin).statusCode()).isEqualTo(401);
        assertThat(outside.bus().postAs("kiosk-7:wrong", "/api/v1/checkins", checkin).statusCode()).isEqualTo(401);
        assertThat(outside.bus().postAs(TestUsers.VIEWER, "/api/v1/checkins", checkin).statusCode()).isEqualTo(403);

        // the kiosk checks in
        assertThat(outside.post(TestUsers.KIOSK, "/api/v1/checkins", checkin, 200).path("result").asText()).isEqualTo("recorded");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(outside.registration(payment).path("Status__c").asText()).isEqualTo("Attended"));

        // and nothing else: no offer, no QR code, no cancellation, no dead letters
        assertThat(outside.bus().get("/api/v1/events/" + eventId + "/offer", TestUsers.KIOSK).statusCode()).isEqualTo(403);
        assertThat(outside.bus().get("/api/v1/events/registrations/" + payment + "/qr", TestUsers.KIOSK).statusCode()).isEqualTo(403);
        assertThat(outside.bus().postAs(TestUsers.KIOSK, "/api/v1/events/registrations/" + payment + "/cancel", "{}")
                .statusCode()).isEqualTo(403);
        assertThat(outside.bus().get("/api/v1/dead-letters", TestUsers.KIOSK).statusCode()).isEqualTo(403);
        assertThat(outside.registration(payment).path("Status__c").asText()).isEqualTo("Attended");

        // the community asks for offers with its own key (no bcrypt per request): that and nothing else
        var offer = outside.bus().getWithHeaders("/api/v1/events/" + eventId + "/offer?member=" + person.crmContactId(),
                "X-Api-Key", "community-client-sandbox-key");
        assertThat(offer.statusCode()).as(offer.body()).isEqualTo(200);
        assertThat(outside.read(offer.body()).path("offer").asText()).isEqualTo("member");
        assertThat(outside.bus().getWithHeaders("/api/v1/events/" + eventId + "/offer", "X-Api-Key", "not-the-key")
                .statusCode()).isEqualTo(401);
        assertThat(outside.bus().getWithHeaders("/api/v1/events/registrations/" + payment + "/qr",
                "X-Api-Key", "community-client-sandbox-key").statusCode()).isEqualTo(401);
    }

    /**
     * Kiosks at the sessions' doors: the event's rule (its own, in the CEU rules file, as staff write
     * it) requires the keynote and the post-event survey (answered on the community); the sessions
     * carry the CEUs. A session check-in counts once.
     */
    @Test
    void kioskCheckInsAtSessionsDecideCeusByRequiredSessionsAndSessionCredits() throws Exception {
        var outside = new EventsOutside(port, partners, communityUrl, gatewayUrl, gatewayKey);
        var eventId = partners.createSObject("Association_Event__c", """
                {"Name": "Summit %s", "Start_Date__c": "%s", "Capacity__c": 10, "Status__c": "Open",
                 "Member_Price__c": 50.00, "Non_Member_Price__c": 90.00, "CEU_Credits__c": 9}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), TODAY));
        await().atMost(PATIENCE).until(() -> outside.hasPage(eventId));
        for (var session : List.of("keynote:1.0", "workshop-a:2.0", "workshop-b:1.5")) {
            var parts = session.split(":");
            partners.createSObject("Event_Session__c", """
                    {"Name": "%s", "Association_Event__c": "%s", "Session_Code__c": "%s", "CEU_Credits__c": %s}"""
                    .formatted(parts[0], eventId, parts[0], parts[1]));
        }
        // staff edit the event after adding its sessions: the bus reads them with it
        partners.updateSObject("Association_Event__c", eventId, "{\"Capacity__c\": 12}");
        Files.writeString(Path.of(ceuRulesPath), Files.readString(Path.of(ceuRulesPath)).replace("events: {}", """
                events:
                  %s:
                    required-attendance: true
                    min-share-of-minutes: 0
                    required-sessions: [keynote]
                    survey-required: true
                    credits: event
                """.formatted(eventId)));
        var a = OURS.get(6);
        var b = OURS.get(7);
        var c = OURS.get(8);
        var payments = new java.util.LinkedHashMap<String, String>();
        for (var person : List.of(a, b, c)) {
            payments.put(person.crmContactId(), outside.pay(5000, person.crmContactId(), eventId));
        }
        await().atMost(PATIENCE).untilAsserted(() -> payments.values().forEach(p ->
                assertThat(outside.registration(p)).as(p).isNotNull()));
        var tokens = new java.util.HashMap<String, String>();
        payments.forEach((member, p) -> tokens.put(member, outside.get(TestUsers.VIEWER,
                "/api/v1/events/registrations/" + p + "/qr", 200).path("token").asText()));

        // A at the keynote (once the bus has read the sessions), then workshop A
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(outside.bus().postAs(TestUsers.KIOSK, "/api/v1/checkins",
                checkin(tokens.get(a.crmContactId()), "door-keynote:" + eventId + ":a", "keynote")).statusCode()).isEqualTo(200));
        outside.post(TestUsers.KIOSK, "/api/v1/checkins", checkin(tokens.get(a.crmContactId()), "door-wa:" + eventId + ":a", "workshop-a"), 200);
        // the same code at the keynote's door again (another scan): refused as reused; a session the event lacks: 404
        assertThat(outside.post(TestUsers.KIOSK, "/api/v1/checkins", checkin(tokens.get(a.crmContactId()), "door-keynote:" + eventId + ":a2",
                "keynote"), 409).path("error").asText()).contains("keynote");
        outside.post(TestUsers.KIOSK, "/api/v1/checkins", checkin(tokens.get(a.crmContactId()), "door-x:" + eventId, "golf"), 404);
        // B in both workshops, not the keynote
        outside.post(TestUsers.KIOSK, "/api/v1/checkins", checkin(tokens.get(b.crmContactId()), "door-wa:" + eventId + ":b", "workshop-a"), 200);
        outside.post(TestUsers.KIOSK, "/api/v1/checkins", checkin(tokens.get(b.crmContactId()), "door-wb:" + eventId + ":b", "workshop-b"), 200);
        // C at the keynote, from an offline kiosk whose batch is sent twice
        var batch = "{\"checkins\": [" + checkin(tokens.get(c.crmContactId()), "door-keynote:" + eventId + ":c", "keynote") + "]}";
        assertThat(outside.post(TestUsers.KIOSK, "/api/v1/checkins", batch, 200).path("counts").path("recorded").asInt()).isEqualTo(1);
        assertThat(outside.post(TestUsers.KIOSK, "/api/v1/checkins", batch, 200).path("counts").path("duplicate").asInt()).isEqualTo(1);

        await().atMost(PATIENCE).untilAsserted(() -> payments.values().forEach(p ->
                assertThat(outside.registration(p).path("Status__c").asText()).as(p).isEqualTo("Attended")));
        // A and B answer the post-event survey on the community; C does not: it reaches the CRM
        var page = outside.community("/api/v1/events?crmEventId=" + eventId).path("data").get(0).path("id").asText();
        for (var person : List.of(a, b)) {
            var answered = outside.communityPost("/api/v1/events/" + page + "/surveys", """
                    {"accountId": "%s", "answers": {"overall": 5, "wouldRecommend": true}}""".formatted(person.communityId()));
            assertThat(answered.path("surveyId").asText()).as(answered.toString()).startsWith("srv_");
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            var survey = partners.soql("SELECT Survey_Completed__c, Survey_Answers__c FROM Event_Registration__c WHERE Registration_Key__c = '"
                    + payments.get(a.crmContactId()) + "'").path("records").path(0);
            assertThat(survey.path("Survey_Completed__c").asBoolean()).isTrue();
            assertThat(survey.path("Survey_Answers__c").asText()).contains("wouldRecommend");
        });
        partners.updateSObject("Association_Event__c", eventId, "{\"Status__c\": \"Completed\"}");
        await().atMost(PATIENCE).untilAsserted(() -> {
            var credits = partners.soql("SELECT Credits__c, Source_Key__c FROM CE_Credit__c WHERE Source_Key__c LIKE 'event:%'");
            var ours = new java.util.HashMap<String, Double>();
            credits.path("records").forEach(r -> ours.put(r.path("Source_Key__c").asText(), r.path("Credits__c").asDouble()));
            assertThat(ours).containsEntry("event:" + payments.get(a.crmContactId()), 3.0);
        });
        // decided once, all three: none more is awarded
        await().atMost(PATIENCE).untilAsserted(() -> {
            var ours = partners.soql("SELECT Source_Key__c FROM CE_Credit__c WHERE Source_Key__c LIKE 'event:%'").path("records").toString();
            assertThat(ours).doesNotContain(payments.get(b.crmContactId())).doesNotContain(payments.get(c.crmContactId()));
        });
        var missed = outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId + "/ceu/" + b.crmContactId(), 200);
        assertThat(missed.path("awarded").asBoolean()).isFalse();
        assertThat(missed.path("reason").asText()).contains("missed the required session(s) keynote");
        assertThat(missed.path("rule").asText()).isEqualTo("events." + eventId);
        var awarded = outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId + "/ceu/" + a.crmContactId(), 200);
        assertThat(awarded.path("figures").path("sessionsAttended").toString()).contains("keynote", "workshop-a");
        assertThat(awarded.path("figures").path("surveyCompleted").asBoolean()).isTrue();
        var noSurvey = outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId + "/ceu/" + c.crmContactId(), 200);
        assertThat(noSurvey.path("awarded").asBoolean()).isFalse();
        assertThat(noSurvey.path("reason").asText()).contains("survey");
        // one attendance fact per person, however many sessions
        assertThat(KafkaProbe.readAll(brokers, "attendance.recorded").stream().filter(r -> r.value().contains(eventId)))
                .extracting(r -> r.key()).containsExactlyInAnyOrder(a.crmContactId(), b.crmContactId(), c.crmContactId());
    }

    private static String checkin(String token, String clientId, String session) {
        return "{\"token\": \"" + token + "\", \"clientId\": \"" + clientId + "\", \"session\": \"" + session + "\"}";
    }
}
