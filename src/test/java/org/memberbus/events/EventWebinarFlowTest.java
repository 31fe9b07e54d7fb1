package org.memberbus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.stream.StreamSupport;
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
 * A webinar across the whole bus, driven from outside: staff schedule it on the webinar platform
 * (Zoom's API), which makes it a CRM event and a community page; staff price it in the CRM; three
 * members pay and become its registrants on the platform (once each); they attend for different
 * times (one drops out and rejoins on a second device); the webinar ends; the platform's signed
 * webinar.ended makes the bus pull the participants report page by page (the first call is told to
 * slow down, 429 with Retry-After, and the bus's token was revoked: 401, a new token); the minutes
 * are attendance in the CRM and on the roster and decide the CEUs by the rule of
 * config/ceu-rules.yaml (at least 75 % of the minutes: the event's credits).
 * Demo members of their own (number % 97 == 93).
 */
@SandboxTest
class EventWebinarFlowTest {

    static final Duration PATIENCE = Duration.ofSeconds(40);
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final List<DemoMember> OURS = DemoAssociation.generate(TODAY).members().stream()
            .filter(m -> m.number() % 97 == 93 && m.status() == Standing.ACTIVE).toList();
    /** For the cancellation and the lost webinar.ended: active members holding no certification (number % 97 == 59). */
    static final List<DemoMember> UNCERTIFIED = DemoAssociation.generate(TODAY).members().stream()
            .filter(m -> m.number() % 97 == 59 && m.status() == Standing.ACTIVE && m.certification() == null).toList();

    @LocalServerPort int port;
    @Value("${memberbus.community.url}") String communityUrl;
    @Value("${memberbus.gateway.url}") String gatewayUrl;
    @Value("${memberbus.gateway.api-key}") String gatewayKey;
    @Value("${memberbus.webinar.url}") String webinarUrl;
    @Value("${memberbus.kafka.brokers}") String brokers;
    @Autowired PartnerProbe partners;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aWebinarScheduledOnThePlatformBecomesAnEventAndItsMinutesDecideAttendanceAndCeus() {
        var outside = new EventsOutside(port, partners, communityUrl, gatewayUrl, gatewayKey);
        var token = zoomToken();
        var webinar = zoom("POST", "/v2/users/me/webinars", token,
                "{\"topic\": \"Ethics webinar\", \"type\": 5, \"duration\": 60}", 201);
        var webinarId = webinar.path("id").asText();
        // the platform's webinar.created: the bus makes it a CRM event, and so a community page
        await().atMost(PATIENCE).until(() -> partners.soql("SELECT Id FROM Association_Event__c WHERE Webinar_Id__c = '"
                + webinarId + "'").path("totalSize").asInt() == 1);
        var crmEvent = partners.soql("SELECT Id, Name, Status__c FROM Association_Event__c WHERE Webinar_Id__c = '"
                + webinarId + "'").path("records").path(0);
        var eventId = crmEvent.path("Id").asText();
        assertThat(crmEvent.path("Name").asText()).isEqualTo("Ethics webinar");
        await().atMost(PATIENCE).until(() -> outside.hasPage(eventId));
        // staff price it and give its CEUs in the CRM
        partners.updateSObject("Association_Event__c", eventId,
                "{\"Member_Price__c\": 20.00, \"Non_Member_Price__c\": 40.00, \"CEU_Credits__c\": 1.5}");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId
                + "/offer?member=" + OURS.get(0).crmContactId(), 200).path("amount").asLong()).isEqualTo(2000));

        var full = OURS.get(0);
        var half = OURS.get(1);
        var absent = OURS.get(2);
        var payments = new HashMap<String, String>();
        for (var person : List.of(full, half, absent)) {
            payments.put(person.crmContactId(), outside.pay(2000, person.crmContactId(), eventId));
        }
        // each registered person is a registrant on the platform, once, under their CRM email
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(registrantEmails(webinarId, token))
                .containsExactlyInAnyOrder(email(full), email(half), email(absent)));

        // the webinar: one member the whole hour (dropped at 40 min, back at 35 min on a second
        // device), one half an hour, a guest who never registered, one registered member never there
        var t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
        attend(webinarId, full, t0, t0.plus(Duration.ofMinutes(40)));
        attend(webinarId, full, t0.plus(Duration.ofMinutes(35)), t0.plus(Duration.ofMinutes(60)));
        attend(webinarId, half, t0.plus(Duration.ofMinutes(10)), t0.plus(Duration.ofMinutes(40)));
        sandbox("POST", "/__sandbox/webinars/" + webinarId + "/participants", """
                {"email": "guest-%s@example.net", "name": "A guest", "joinTime": "%s", "leaveTime": "%s"}"""
                .formatted(webinarId, t0, t0.plus(Duration.ofMinutes(50))));
        // the bus's first call to the platform after the end is told to slow down, and its token no longer works
        sandbox("POST", "/__sandbox/faults", "{\"rateLimitNext\": 1}");
        sandbox("POST", "/__sandbox/tokens/revoke", null);
        sandbox("POST", "/__sandbox/webinars/" + webinarId + "/end", "{\"endTime\": \"" + t0.plus(Duration.ofMinutes(60)) + "\"}");

        await().atMost(PATIENCE).untilAsserted(() -> {
            var fullRegistration = outside.registration(payments.get(full.crmContactId()));
            assertThat(fullRegistration.path("Status__c").asText()).isEqualTo("Attended");
            assertThat(minutes(payments.get(full.crmContactId()))).isEqualTo(60);
            assertThat(outside.registration(payments.get(half.crmContactId())).path("Status__c").asText()).isEqualTo("Attended");
            assertThat(minutes(payments.get(half.crmContactId()))).isEqualTo(30);
            assertThat(outside.registration(payments.get(absent.crmContactId())).path("Status__c").asText()).isEqualTo("Registered");
            var roster = outside.roster(eventId);
            assertThat(roster).containsEntry(full.crmContactId(), "ATTENDED").containsEntry(half.crmContactId(), "ATTENDED")
                    .containsEntry(absent.crmContactId(), "REGISTERED");
        });
        // CEUs by the rule: 60 of 60 minutes earns the event's 1.5; 30 of 60 (50 %) is under the 75 % asked
        await().atMost(PATIENCE).untilAsserted(() -> {
            var credits = partners.soql("SELECT Contact__c, Credits__c, Source_Key__c FROM CE_Credit__c WHERE Source_Key__c LIKE 'event:%'");
            var ours = new HashMap<String, Double>();
            credits.path("records").forEach(r -> ours.put(r.path("Source_Key__c").asText(), r.path("Credits__c").asDouble()));
            assertThat(ours).containsEntry("event:" + payments.get(full.crmContactId()), 1.5)
                    .doesNotContainKey("event:" + payments.get(half.crmContactId()))
                    .doesNotContainKey("event:" + payments.get(absent.crmContactId()));
        });
        var awarded = outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId + "/ceu/" + full.crmContactId(), 200);
        assertThat(awarded.path("awarded").asBoolean()).isTrue();
        assertThat(awarded.path("figures").path("minutesAttended").asInt()).isEqualTo(60);
        assertThat(awarded.path("figures").path("eventMinutes").asInt()).isEqualTo(60);
        var short_ = outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId + "/ceu/" + half.crmContactId(), 200);
        assertThat(short_.path("awarded").asBoolean()).isFalse();
        assertThat(short_.path("reason").asText()).contains("30 of 60 minutes").contains("75 %");
        var never = outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId + "/ceu/" + absent.crmContactId(), 200);
        assertThat(never.path("awarded").asBoolean()).isFalse();
        assertThat(never.path("reason").asText()).contains("no attendance");

        // the platform still holds three registrants: nothing was registered twice
        assertThat(registrantEmails(webinarId, zoomToken())).hasSize(3);
        var attendance = KafkaProbe.readAll(brokers, "attendance.recorded").stream()
                .filter(r -> r.value().contains(eventId)).toList();
        assertThat(attendance).extracting(r -> r.key())
                .containsExactlyInAnyOrder(full.crmContactId(), half.crmContactId());
    }

    @Test
    void aCancelledRegistrationIsCancelledAtThePlatformAndTheOtherRegistrantStays() {
        var outside = new EventsOutside(port, partners, communityUrl, gatewayUrl, gatewayKey);
        var token = zoomToken();
        var webinarId = scheduledAndPriced(outside, token, "Governance webinar", 0.0, null, 60);
        var eventId = crmEventOf(webinarId);
        var leaving = UNCERTIFIED.get(0);
        var staying = UNCERTIFIED.get(1);
        var leavingPayment = outside.pay(2000, leaving.crmContactId(), eventId);
        outside.pay(2000, staying.crmContactId(), eventId);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(registrantEmails(webinarId, token, "approved"))
                .containsExactlyInAnyOrder(email(leaving), email(staying)));

        // the member cancels (the community calls on their behalf)
        outside.post(TestUsers.OPERATOR, "/api/v1/events/registrations/" + leavingPayment + "/cancel", "", 200);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(registrantEmails(webinarId, token, "approved")).containsExactly(email(staying));
            assertThat(registrantEmails(webinarId, token, "denied")).containsExactly(email(leaving));
        });
        assertThat(outside.registration(leavingPayment).path("Status__c").asText()).isEqualTo("Cancelled");
        // the bus holds that it cancelled the registrant, so a repeat of the registration's effects sends nothing
        assertThat(jdbc.queryForObject("select count(*) from event_webinar_registrant where registration_key = ?"
                + " and cancelled_at is not null", Integer.class, leavingPayment)).isEqualTo(1);
    }

    @Test
    void aWebinarWhoseEndedWebhookIsLostIsPolledAndItsCeusReachTheCommunitysCeBalanceOnce() {
        var outside = new EventsOutside(port, partners, communityUrl, gatewayUrl, gatewayKey);
        var token = zoomToken();
        // held 70 minutes ago, for 45 minutes: past its scheduled end and the sweep's grace (10 minutes)
        var t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(70));
        var webinarId = scheduledAndPriced(outside, token, "Data stewardship webinar", 2.0, t0, 45);
        var eventId = crmEventOf(webinarId);
        var member = UNCERTIFIED.get(2);
        var payment = outside.pay(2000, member.crmContactId(), eventId);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(registrantEmails(webinarId, token, "approved"))
                .containsExactly(email(member)));
        var account = partners.soql("SELECT Community_Id__c FROM Contact WHERE Id = '" + member.crmContactId() + "'")
                .path("records").path(0).path("Community_Id__c").asText();
        assertThat(outside.community("/api/v1/accounts/" + account + "/ce").has("earned")).as("no CE balance before").isFalse();

        attend(webinarId, member, t0, t0.plus(Duration.ofMinutes(45)));
        // the webinar ends, and its webinar.ended never reaches the bus: only the bus's sweep can find out
        sandbox("POST", "/__sandbox/webinars/" + webinarId + "/end", "{\"endTime\": \"" + t0.plus(Duration.ofMinutes(45))
                + "\", \"webhook\": false}");
        assertThat(StreamSupport.stream(sandbox("GET", "/__sandbox/deliveries", null).spliterator(), false)
                .filter(d -> d.path("event").asText().equals("webinar.ended") && d.toString().contains(webinarId)))
                .isEmpty();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(outside.registration(payment).path("Status__c").asText()).isEqualTo("Attended");
            assertThat(minutes(payment)).isEqualTo(45);
        });
        // the CEUs: a CE_Credit__c in the CRM, and the CE balance on the member's community profile
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(partners.soql("SELECT Credits__c FROM CE_Credit__c WHERE Source_Key__c = 'event:" + payment + "'")
                    .path("records")).hasSize(1);
            var balance = outside.community("/api/v1/accounts/" + account + "/ce");
            assertThat(balance.path("earned").asInt(-1)).as(balance.toString()).isEqualTo(2);
            assertThat(balance.path("required").asInt(-1)).isZero();
        });
        var credit = partners.soql("SELECT Credits__c FROM CE_Credit__c WHERE Contact__c = '" + member.crmContactId() + "'")
                .path("records");
        assertThat(credit).hasSize(1);
        assertThat(credit.get(0).path("Credits__c").asDouble()).isEqualTo(2.0);
        // sent once, under its key
        assertThat(jdbc.queryForList("select status from partner_effect where partner = 'community-ce-balance'"
                + " and idempotency_key = ?", String.class, "ce-balance:event:" + payment)).containsExactly("sent");
    }

    /**
     * Staff schedule a webinar on the platform (at {@code start}, default now, for {@code minutes}); it
     * becomes a CRM event, priced at 20.00 for members with these CEUs.
     */
    private String scheduledAndPriced(EventsOutside outside, String token, String topic, double ceus, Instant start, int minutes) {
        var webinarId = zoom("POST", "/v2/users/me/webinars", token, "{\"topic\": \"" + topic + "\", \"type\": 5, \"duration\": "
                + minutes + (start == null ? "" : ", \"start_time\": \"" + start + "\"") + "}", 201).path("id").asText();
        await().atMost(PATIENCE).until(() -> partners.soql("SELECT Id FROM Association_Event__c WHERE Webinar_Id__c = '"
                + webinarId + "'").path("totalSize").asInt() == 1);
        var eventId = crmEventOf(webinarId);
        await().atMost(PATIENCE).until(() -> outside.hasPage(eventId));
        // a webinar held earlier today is still today's event for registration, also when "earlier" was
        // yesterday (a run in the first hour of a UTC day): staff date it today, with its price
        var dated = start != null && start.atZone(ZoneOffset.UTC).toLocalDate().isBefore(TODAY)
                ? ", \"Start_Date__c\": \"" + TODAY + "\"" : "";
        partners.updateSObject("Association_Event__c", eventId, "{\"Member_Price__c\": 20.00, \"Non_Member_Price__c\": 40.00,"
                + " \"CEU_Credits__c\": " + ceus + dated + "}");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId
                + "/offer?member=" + UNCERTIFIED.get(0).crmContactId(), 200).path("amount").asLong()).isEqualTo(2000));
        return webinarId;
    }

    private String crmEventOf(String webinarId) {
        return partners.soql("SELECT Id FROM Association_Event__c WHERE Webinar_Id__c = '" + webinarId + "'")
                .path("records").path(0).path("Id").asText();
    }

    @Test
    void aWebhookNotSignedByThePlatformIsRefused() {
        var body = "{\"event\":\"webinar.ended\",\"event_ts\":1,\"payload\":{\"object\":{\"id\":\"1\"}}}";
        var timestamp = Long.toString(Instant.now().getEpochSecond());
        var bus = new org.memberbus.BusClient(port);
        assertThat(bus.post("/webhooks/webinar", body, "x-zm-request-timestamp", timestamp,
                "x-zm-signature", "v0=" + "0".repeat(64)).statusCode()).isEqualTo(401);
        assertThat(bus.post("/webhooks/webinar", body).statusCode()).isEqualTo(401);
        // a webinar no CRM event holds ends: the platform validates the bus's endpoint, then delivers
        var webinarId = zoom("POST", "/v2/users/me/webinars", zoomToken(), "{\"topic\": \"Not ours\", \"duration\": 30}", 201)
                .path("id").asText();
        sandbox("POST", "/__sandbox/webinars/" + webinarId + "/end", "{}");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(sandbox("GET", "/__sandbox/event-subscription", null).path("validated").asBoolean()).isTrue();
            assertThat(StreamSupport.stream(sandbox("GET", "/__sandbox/deliveries", null).spliterator(), false)
                    .filter(d -> d.path("event").asText().equals("webinar.ended") && d.path("status").asInt() == 200))
                    .isNotEmpty();
        });
    }

    private int minutes(String payment) {
        return partners.soql("SELECT Minutes_Attended__c FROM Event_Registration__c WHERE Registration_Key__c = '"
                + payment + "'").path("records").path(0).path("Minutes_Attended__c").asInt(-1);
    }

    private String email(DemoMember member) {
        return partners.soql("SELECT Email FROM Contact WHERE Id = '" + member.crmContactId() + "'")
                .path("records").path(0).path("Email").asText();
    }

    private void attend(String webinarId, DemoMember member, Instant join, Instant leave) {
        sandbox("POST", "/__sandbox/webinars/" + webinarId + "/participants", """
                {"email": "%s", "name": "%s %s", "joinTime": "%s", "leaveTime": "%s"}"""
                .formatted(email(member), member.firstName(), member.lastName(), join, leave));
    }

    private List<String> registrantEmails(String webinarId, String token) {
        return registrantEmails(webinarId, token, "approved");
    }

    private List<String> registrantEmails(String webinarId, String token, String status) {
        var emails = new ArrayList<String>();
        var next = "";
        do {
            var page = zoom("GET", "/v2/webinars/" + webinarId + "/registrants?status=" + status + "&page_size=2&next_page_token="
                    + next, token, null, 200);
            page.path("registrants").forEach(r -> emails.add(r.path("email").asText()));
            next = page.path("next_page_token").asText();
        } while (!next.isEmpty());
        return emails;
    }

    private String zoomToken() {
        var basic = Base64.getEncoder().encodeToString("memberbus-sandbox:sandbox-secret".getBytes(StandardCharsets.UTF_8));
        var answer = send(HttpRequest.newBuilder(URI.create(webinarUrl
                        + "/oauth/token?grant_type=account_credentials&account_id=memberbus-sandbox-account"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()), 200);
        return answer.path("access_token").asText();
    }

    private JsonNode zoom(String method, String path, String token, String body, int status) {
        return send(HttpRequest.newBuilder(URI.create(webinarUrl + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)), status);
    }

    private JsonNode sandbox(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(webinarUrl + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)), 200);
    }

    private JsonNode send(HttpRequest.Builder request, int status) {
        try {
            var answer = http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
