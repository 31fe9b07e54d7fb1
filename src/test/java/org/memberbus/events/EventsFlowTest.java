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
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
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
 * Events across the whole bus, driven from outside: staff create, edit and cancel an event in the
 * CRM and the test looks at the community's event page; the community asks the bus for offers.
 * Demo members of their own (number % 97 == 71), so no other test moves their status.
 */
@SandboxTest
class EventsFlowTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final List<DemoMember> OURS = DemoAssociation.generate(TODAY).members().stream()
            .filter(m -> m.number() % 97 == 71).toList();

    @LocalServerPort int port;
    @Value("${memberbus.community.url}") String communityUrl;
    @Autowired PartnerProbe partners;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    BusClient bus() {
        return new BusClient(port);
    }

    String createEvent(String name, int capacity) {
        return partners.createSObject("Association_Event__c", """
                {"Name": "%s", "Start_Date__c": "%s", "Capacity__c": %d, "Status__c": "Open",
                 "Member_Price__c": 250.00, "Non_Member_Price__c": 400.00, "CEU_Credits__c": 6,
                 "Early_Bird_Member_Price__c": 200.00, "Early_Bird_Non_Member_Price__c": 350.00,
                 "Early_Bird_Until__c": "%s", "Registration_Closes__c": "%s"}"""
                .formatted(name, TODAY.plusDays(60), capacity, TODAY.plusDays(10), TODAY.plusDays(55)));
    }

    JsonNode communityPage(String crmEventId) {
        var pages = community("/api/v1/events?crmEventId=" + crmEventId).path("data");
        return pages.size() == 0 ? null : pages.get(0);
    }

    JsonNode community(String path) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(communityUrl + path))
                    .header("X-Api-Key", "community-sandbox-key").GET().build(), HttpResponse.BodyHandlers.ofString());
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode offer(String eventId, String query, int status) throws IOException {
        var answer = bus().get("/api/v1/events/" + eventId + "/offer" + query, TestUsers.VIEWER);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return json.readTree(answer.body());
    }

    @Test
    void aCrmEventAppearsOnTheCommunityAndItsEditAndCancellationFollow() {
        var name = "Data Summit " + UUID.randomUUID().toString().substring(0, 8);
        var id = createEvent(name, 120);

        await().atMost(PATIENCE).untilAsserted(() -> {
            var page = communityPage(id);
            assertThat(page).as("the community's page of CRM event " + id).isNotNull();
            assertThat(page.path("name").asText()).isEqualTo(name);
            assertThat(page.path("capacity").asInt()).isEqualTo(120);
            assertThat(page.path("memberPrice").decimalValue()).isEqualByComparingTo("250.00");
            assertThat(page.path("nonMemberPrice").decimalValue()).isEqualByComparingTo("400.00");
            assertThat(page.path("date").asText()).isEqualTo(TODAY.plusDays(60).toString());
            assertThat(page.path("status").asText()).isEqualTo("scheduled");
        });

        partners.updateSObject("Association_Event__c", id, "{\"Name\": \"" + name + " (moved)\", \"Capacity__c\": 150}");
        await().atMost(PATIENCE).untilAsserted(() -> {
            var page = communityPage(id);
            assertThat(page.path("name").asText()).isEqualTo(name + " (moved)");
            assertThat(page.path("capacity").asInt()).isEqualTo(150);
        });

        partners.updateSObject("Association_Event__c", id, "{\"Status__c\": \"Cancelled\"}");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(communityPage(id).path("status").asText()).isEqualTo("cancelled"));
        // one page per CRM event, however many changes
        assertThat(community("/api/v1/events?crmEventId=" + id).path("data").size()).isEqualTo(1);
    }

    @Test
    void aMemberANonMemberAndALapsedMemberGetTheirOffers() throws IOException {
        var id = createEvent("Offers Day " + UUID.randomUUID().toString().substring(0, 8), 50);
        await().atMost(PATIENCE).until(() -> communityPage(id) != null);
        var active = OURS.stream().filter(m -> m.status() == Standing.ACTIVE).findFirst().orElseThrow();
        var lapsed = OURS.stream().filter(m -> m.status() == Standing.LAPSED).findFirst().orElseThrow();
        var late = "?date=" + TODAY.plusDays(20);

        var member = offer(id, "?member=" + active.crmContactId() + "&date=" + TODAY.plusDays(20), 200);
        assertThat(member.path("offer").asText()).isEqualTo("member");
        assertThat(member.path("amount").asLong()).isEqualTo(25_000);
        assertThat(member.path("canRegister").asBoolean()).isTrue();
        assertThat(offer(id, "?member=" + active.crmContactId(), 200).path("amount").asLong())
                .as("early bird today").isEqualTo(20_000);

        var guest = offer(id, late, 200);
        assertThat(guest.path("offer").asText()).isEqualTo("non-member");
        assertThat(guest.path("amount").asLong()).isEqualTo(40_000);

        var renewal = offer(id, "?member=" + lapsed.crmContactId() + "&date=" + TODAY.plusDays(20), 200);
        assertThat(renewal.path("offer").asText()).isEqualTo("renewal-bundle");
        assertThat(renewal.path("membershipStatus").asText()).isEqualTo("Lapsed");
        assertThat(renewal.path("amount").asLong()).isEqualTo(40_000);
        assertThat(renewal.path("renewalBundle").path("ticketAmount").asLong()).isEqualTo(25_000);

        // after the registration window
        var closed = offer(id, "?date=" + TODAY.plusDays(56), 200);
        assertThat(closed.path("canRegister").asBoolean()).isFalse();
        assertThat(closed.path("reason").asText()).contains("registration closed");
    }

    @Test
    void anEventMadeBeforeTheBusStartedIsOfferedToo() {
        var demoEvent = DemoAssociation.generate(TODAY).events().get(0);
        var active = OURS.stream().filter(m -> m.status() == Standing.ACTIVE).skip(1).findFirst().orElseThrow();
        await().atMost(PATIENCE).untilAsserted(() -> {
            var offer = offer(demoEvent.crmId(), "?member=" + active.crmContactId(), 200);
            assertThat(offer.path("amount").asLong()).isEqualTo(demoEvent.memberPrice().movePointRight(2).longValueExact());
        });
    }

    @Test
    void aBadOfferRequestIsRefusedWithItsReason() throws IOException {
        assertThat(offer("not-an-id", "", 400).path("error").asText()).contains("eventId");
        assertThat(offer("a03000000000999AAA", "", 404).path("error").asText()).contains("no event");
        assertThat(offer("a03000000000999AAA", "?member=x'OR'1'='1", 400).path("error").asText()).contains("member");
        assertThat(offer("a03000000000999AAA", "?date=tomorrow", 400).path("error").asText()).contains("date");
    }
}
