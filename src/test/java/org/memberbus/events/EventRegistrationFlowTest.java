package org.memberbus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
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
 * Registration, capacity and the waitlist across the whole bus: members pay an event fee at the
 * gateway (which sends its signed webhooks by itself), a full event waitlists, a cancellation
 * offers the seat on, the offer is reminded and expires and passes on, the next person takes it;
 * the test looks at what the CRM, the community's roster and the marketing system hold.
 * Demo members of their own (number % 97 == 83).
 */
@SandboxTest
class EventRegistrationFlowTest {

    static final Duration PATIENCE = Duration.ofSeconds(40);
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final List<DemoMember> OURS = DemoAssociation.generate(TODAY).members().stream()
            .filter(m -> m.number() % 97 == 83 && m.status() == Standing.ACTIVE).toList();

    @LocalServerPort int port;
    @Value("${memberbus.community.url}") String communityUrl;
    @Value("${memberbus.gateway.url}") String gatewayUrl;
    @Value("${memberbus.gateway.api-key}") String gatewayKey;
    @Autowired PartnerProbe partners;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void aFullEventWaitlistsAndACancellationPromotesWithAnOfferThatExpiresAndPassesOn() throws IOException {
        var eventId = partners.createSObject("Association_Event__c", """
                {"Name": "Workshop %s", "Start_Date__c": "%s", "Capacity__c": 2, "Status__c": "Open",
                 "Member_Price__c": 95.00, "Non_Member_Price__c": 195.00, "CEU_Credits__c": 3}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), TODAY.plusDays(30)));
        await().atMost(PATIENCE).until(() -> community("/api/v1/events?crmEventId=" + eventId).path("data").size() == 1);
        var people = OURS.subList(0, 4);

        var payments = new ArrayList<String>();
        for (var person : people) {
            var offer = json.readTree(new BusClient(port).get("/api/v1/events/" + eventId + "/offer?member="
                    + person.crmContactId(), TestUsers.VIEWER).body());
            payments.add(pay(offer.path("amount").asLong(), person.crmContactId(), eventId));
            // one after the other, so the order of the waitlist is the order of payment
            var paid = payments.get(payments.size() - 1);
            await().atMost(PATIENCE).until(() -> registration(paid) != null);
        }

        // two seats, two waiting in the order they paid
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(registration(payments.get(0)).path("Status__c").asText()).isEqualTo("Registered");
            assertThat(registration(payments.get(1)).path("Status__c").asText()).isEqualTo("Registered");
            assertThat(registration(payments.get(2)).path("Status__c").asText()).isEqualTo("Waitlisted");
            assertThat(registration(payments.get(2)).path("Waitlist_Position__c").asInt()).isEqualTo(1);
            assertThat(registration(payments.get(3)).path("Waitlist_Position__c").asInt()).isEqualTo(2);
            assertThat(registration(payments.get(0)).path("Amount__c").decimalValue()).isEqualByComparingTo("95.00");
            var roster = roster(eventId);
            assertThat(roster).containsEntry(people.get(0).crmContactId(), "REGISTERED")
                    .containsEntry(people.get(1).crmContactId(), "REGISTERED")
                    .containsEntry(people.get(2).crmContactId(), "WAITLISTED")
                    .containsEntry(people.get(3).crmContactId(), "WAITLISTED");
            assertThat(campaigns(people.get(0).crmContactId())).contains("event-confirmation");
            assertThat(campaigns(people.get(2).crmContactId())).contains("event-waitlisted");
        });
        assertThat(partners.soql("SELECT Id FROM Event_Registration__c WHERE Association_Event__c = '" + eventId + "'")
                .path("totalSize").asInt()).as("one CRM registration per payment").isEqualTo(4);

        // the first member cancels: the seat is offered to the first person waiting, until an expiry
        var cancelled = post("/api/v1/events/registrations/" + payments.get(0) + "/cancel", 200);
        assertThat(cancelled.toString()).contains(payments.get(2));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(registration(payments.get(0)).path("Status__c").asText()).isEqualTo("Cancelled");
            assertThat(registration(payments.get(2)).path("Status__c").asText()).isEqualTo("Offered");
            assertThat(registration(payments.get(2)).path("Offer_Expires_At__c").asText()).isNotEmpty();
            assertThat(campaigns(people.get(2).crmContactId())).contains("waitlist-spot");
        });
        var expires = Instant.parse(StreamSupport.stream(cancelled.spliterator(), false)
                .filter(r -> r.path("key").asText().equals(payments.get(2))).findFirst().orElseThrow()
                .path("offerExpiresAt").asText());
        assertThat(expires).isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

        // the clock runs: a reminder 4 hours before, then the offer expires and passes to the next
        post("/api/v1/events/waitlist/sweep?asOf=" + expires.minus(Duration.ofHours(3)), 200);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(registration(payments.get(2)).path("Status__c").asText()).isEqualTo("Reminded");
            assertThat(campaigns(people.get(2).crmContactId())).contains("event-offer-reminder");
        });
        post("/api/v1/events/waitlist/sweep?asOf=" + expires.plusSeconds(1), 200);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(registration(payments.get(2)).path("Status__c").asText()).isEqualTo("Expired");
            assertThat(registration(payments.get(3)).path("Status__c").asText()).isEqualTo("Offered");
        });
        // an expired offer cannot be taken; the next person takes theirs
        post("/api/v1/events/registrations/" + payments.get(2) + "/accept", 409);
        post("/api/v1/events/registrations/" + payments.get(3) + "/accept", 200);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(registration(payments.get(3)).path("Status__c").asText()).isEqualTo("Registered");
            assertThat(roster(eventId)).containsEntry(people.get(3).crmContactId(), "REGISTERED")
                    .containsEntry(people.get(0).crmContactId(), "CANCELLED");
        });
        // the confirmation went once to each person registered, however often the flow ran
        assertThat(campaigns(people.get(1).crmContactId()).stream().filter("event-confirmation"::equals)).hasSize(1);
        // the person whose offer expired paid but never got a seat: refunded in full, once
        await().atMost(PATIENCE).untilAsserted(() -> {
            var refunds = gateway("GET", "/v1/refunds?payment_intent=" + payments.get(2), null).path("data");
            assertThat(refunds.size()).isEqualTo(1);
            assertThat(refunds.get(0).path("amount").asLong()).isEqualTo(9_500);
        });

        // staff cancel the event in the CRM: everyone still on it is cancelled, told and refunded
        partners.updateSObject("Association_Event__c", eventId, "{\"Status__c\": \"Cancelled\"}");
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (int i : new int[] {1, 3}) {
                assertThat(registration(payments.get(i)).path("Status__c").asText()).isEqualTo("Cancelled");
                assertThat(campaigns(people.get(i).crmContactId())).contains("event-cancelled");
                assertThat(gateway("GET", "/v1/refunds?payment_intent=" + payments.get(i), null).path("data").size()).isEqualTo(1);
            }
            assertThat(roster(eventId).values()).containsOnly("CANCELLED");
        });
        // the member who cancelled before is not refunded by the bus (the refund policy decides on request)
        assertThat(gateway("GET", "/v1/refunds?payment_intent=" + payments.get(0), null).path("data").size()).isZero();
    }

    @Test
    void aRedeliveredPaymentEventRegistersOnce() throws IOException {
        var eventId = partners.createSObject("Association_Event__c", """
                {"Name": "Talk %s", "Start_Date__c": "%s", "Capacity__c": 10, "Status__c": "Open",
                 "Member_Price__c": 10.00, "Non_Member_Price__c": 20.00}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), TODAY.plusDays(30)));
        await().atMost(PATIENCE).until(() -> community("/api/v1/events?crmEventId=" + eventId).path("data").size() == 1);
        var person = OURS.get(5);
        var payment = pay(1000, person.crmContactId(), eventId);
        await().atMost(PATIENCE).until(() -> registration(payment) != null);

        // the gateway sends the same event again (as Stripe does when an answer is lost)
        var events = gateway("GET", "/v1/events?limit=100", null).path("data");
        var succeeded = StreamSupport.stream(events.spliterator(), false)
                .filter(e -> e.path("type").asText().equals("payment_intent.succeeded")
                        && e.path("data").path("object").path("id").asText().equals(payment))
                .findFirst().orElseThrow();
        var again = new BusClient(port).gatewayWebhook(succeeded.toString());
        assertThat(again.statusCode()).as(again.body()).isLessThan(300);

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(partners.soql("SELECT Id FROM Event_Registration__c WHERE Association_Event__c = '" + eventId + "'")
                    .path("totalSize").asInt()).isEqualTo(1);
            assertThat(roster(eventId)).hasSize(1);
        });
    }

    EventsOutside outside() {
        return new EventsOutside(port, partners, communityUrl, gatewayUrl, gatewayKey);
    }

    JsonNode registration(String paymentId) {
        return outside().registration(paymentId);
    }

    Map<String, String> roster(String crmEventId) {
        return outside().roster(crmEventId);
    }

    List<String> campaigns(String crmContactId) {
        return outside().campaigns(crmContactId);
    }

    JsonNode post(String path, int status) {
        return outside().post(TestUsers.OPERATOR, path, "", status);
    }

    String pay(long cents, String contactId, String eventId) {
        return outside().pay(cents, contactId, eventId);
    }

    JsonNode gateway(String method, String path, Map<String, String> form) {
        return outside().gateway(method, path, form);
    }

    JsonNode community(String path) {
        return outside().community(path);
    }
}
