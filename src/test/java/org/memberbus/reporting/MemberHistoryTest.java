package org.memberbus.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.memberbus.sandbox.demo.Grade;
import org.memberbus.sandbox.demo.Standing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A member's history across systems: a change made on each side (staff in the CRM, the member on
 * the community) listed in order with what the bus decided, and a pending proposal explained.
 * Uses an active demo member whose number ends in 49.
 */
@SandboxTest
class MemberHistoryTest {

    static final DemoMember MEMBER = DemoAssociation.generate(LocalDate.now()).members().stream()
            .filter(m -> m.number() % 100 == 49 && m.status() == Standing.ACTIVE
                    && m.endDate().isAfter(LocalDate.now().plusDays(60)) && m.level() != Grade.FELLOW)
            .findFirst().orElseThrow();

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;
    final ObjectMapper json = new ObjectMapper();

    JsonNode history(String id) throws Exception {
        var response = new BusClient(port).get("/api/v1/members/" + id + "/history", BusClient.OPS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void aChangeOnEachSideIsListedInOrderWithWhatTheBusDecided() throws Exception {
        var id = MEMBER.crmContactId();
        // the member edits their bio on the community (theirs: flows to the CRM)
        var bio = "Bio " + UUID.randomUUID();
        partners.communityActivity(MEMBER.communityId(), "member.profile_updated", "{\"bio\":\"" + bio + "\"}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(partners.contact(id).path("Bio__c").asText()).isEqualTo(bio));
        // then staff move the level in the CRM (the CRM's: flows to the community)
        partners.updateSObject("Contact", id, "{\"Membership_Level__c\":\"Fellow\"}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(partners.communityAccount(MEMBER.communityId()).path("level").asText()).isEqualTo("FELLOW"));
        // then the member asks for an employer change the CRM owns: a proposal to staff
        partners.communityActivity(MEMBER.communityId(), "member.profile_updated", "{\"employer\":\"Hooli " + bio + "\"}");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var history = history(id);
            var decisions = new ArrayList<String>();
            history.path("events").forEach(e -> {
                if (e.path("kind").asText().equals("sync-decision")) {
                    decisions.add(e.path("system").asText() + ":" + e.path("field").asText() + ":" + e.path("decision").asText());
                }
            });
            assertThat(decisions).containsSubsequence("community:bio:applied", "crm:level:applied", "community:employer:proposed");
            assertThat(history.path("inSync").asBoolean()).isFalse();
            assertThat(fields(history.path("disagreements"))).contains("employer");
        });
        var events = history(id).path("events");
        for (int i = 1; i < events.size(); i++) {
            assertThat(java.time.Instant.parse(events.get(i).path("at").asText()))
                    .isAfterOrEqualTo(java.time.Instant.parse(events.get(i - 1).path("at").asText()));
        }
    }

    @Test
    void anUnknownMemberIsNotFoundAndABadIdRefused() {
        var bus = new BusClient(port);
        assertThat(bus.get("/api/v1/members/003DM9999999999AAA/history", BusClient.OPS).statusCode()).isEqualTo(404);
        assertThat(bus.get("/api/v1/members/not-an-id/history", BusClient.OPS).statusCode()).isEqualTo(400);
    }

    static List<String> fields(JsonNode list) {
        var fields = new ArrayList<String>();
        list.forEach(d -> fields.add(d.path("field").asText()));
        return fields;
    }
}
