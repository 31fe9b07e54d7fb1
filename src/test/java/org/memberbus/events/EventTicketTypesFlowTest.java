package org.memberbus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
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
 * Several ticket types per event, made by staff in the CRM (Event_Ticket_Type__c beside the event's
 * standard ticket): the offer API prices each for a member and a guest, early-bird rates up to
 * their date, and names the types an event sells when asked for another. A member of their own
 * (number % 97 == 94), only read.
 */
@SandboxTest
class EventTicketTypesFlowTest {

    static final Duration PATIENCE = Duration.ofSeconds(40);
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final List<DemoMember> OURS = DemoAssociation.generate(TODAY).members().stream()
            .filter(m -> m.number() % 97 == 94 && m.status() == Standing.ACTIVE).toList();

    @LocalServerPort int port;
    @Value("${memberbus.community.url}") String communityUrl;
    @Value("${memberbus.gateway.url}") String gatewayUrl;
    @Value("${memberbus.gateway.api-key}") String gatewayKey;
    @Autowired PartnerProbe partners;

    @Test
    void eachTicketTypeIsOfferedAtItsMemberNonMemberAndEarlyBirdPrice() {
        var outside = new EventsOutside(port, partners, communityUrl, gatewayUrl, gatewayKey);
        var eventId = partners.createSObject("Association_Event__c", """
                {"Name": "Annual meeting %s", "Start_Date__c": "%s", "Capacity__c": 50, "Status__c": "Open",
                 "Member_Price__c": 80.00, "Non_Member_Price__c": 160.00}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), TODAY.plusDays(30)));
        await().atMost(PATIENCE).until(() -> outside.hasPage(eventId));
        partners.createSObject("Event_Ticket_Type__c", """
                {"Name": "Workshop day", "Association_Event__c": "%s", "Ticket_Code__c": "workshop-day",
                 "Member_Price__c": 120.00, "Non_Member_Price__c": 220.00, "Early_Bird_Member_Price__c": 100.00,
                 "Early_Bird_Until__c": "%s"}""".formatted(eventId, TODAY.plusDays(10)));
        partners.createSObject("Event_Ticket_Type__c", """
                {"Name": "Student", "Association_Event__c": "%s", "Ticket_Code__c": "student",
                 "Member_Price__c": 30.00, "Non_Member_Price__c": 30.00}""".formatted(eventId));
        // staff save the event after adding its ticket types: the bus reads them with it
        partners.updateSObject("Association_Event__c", eventId, "{\"Capacity__c\": 60}");

        var member = OURS.get(0).crmContactId();
        var offer = "/api/v1/events/" + eventId + "/offer?ticketType=workshop-day&member=" + member + "&date=";
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(outside.bus().get(offer + TODAY, TestUsers.VIEWER).statusCode())
                .isEqualTo(200));
        var early = outside.get(TestUsers.VIEWER, offer + TODAY, 200);
        assertThat(early.path("amount").asLong()).isEqualTo(10000);
        assertThat(early.path("earlyBird").asBoolean()).isTrue();
        assertThat(early.path("ticketType").asText()).isEqualTo("workshop-day");
        assertThat(outside.get(TestUsers.VIEWER, offer + TODAY.plusDays(20), 200).path("amount").asLong()).isEqualTo(12000);
        assertThat(outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId + "/offer?ticketType=workshop-day&date="
                + TODAY.plusDays(20), 200).path("amount").asLong()).isEqualTo(22000);
        assertThat(outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId + "/offer?ticketType=student&member=" + member, 200)
                .path("amount").asLong()).isEqualTo(3000);
        assertThat(outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId + "/offer?member=" + member, 200)
                .path("amount").asLong()).isEqualTo(8000);
        assertThat(outside.get(TestUsers.VIEWER, "/api/v1/events/" + eventId + "/offer?ticketType=golf", 400)
                .path("error").asText()).contains("standard", "workshop-day", "student");
    }
}
