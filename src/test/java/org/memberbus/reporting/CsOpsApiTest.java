package org.memberbus.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.TestUsers;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.memberbus.sandbox.demo.Grade;
import org.memberbus.sandbox.demo.Standing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The CS-operations APIs: a member's level changed on the community around the bus, so the
 * systems disagree now; the member's history says so and why; an operator runs the playbook
 * resync-member and the community holds the CRM's level again, each step done; the same request
 * key again runs nothing. Roles: VIEWER may not run a playbook, OPERATOR and ADMIN may; the
 * performance figures are read by VIEWER. Uses an active demo member whose number ends in 63.
 */
@SandboxTest
class CsOpsApiTest {

    static final DemoMember MEMBER = DemoAssociation.generate(LocalDate.now()).members().stream()
            .filter(m -> m.number() % 100 == 63 && m.status() == Standing.ACTIVE && m.level() != Grade.FELLOW
                    && m.endDate().isAfter(LocalDate.now().plusDays(60)))
            .findFirst().orElseThrow();

    /** Another active demo member (number ending in 71), for the performance figures. */
    static final DemoMember OTHER = DemoAssociation.generate(LocalDate.now()).members().stream()
            .filter(m -> m.number() % 100 == 71 && m.status() == Standing.ACTIVE && m.level() != Grade.FELLOW
                    && m.endDate().isAfter(LocalDate.now().plusDays(60)))
            .findFirst().orElseThrow();

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void aPlaybookRepairsAMemberTheSystemsDisagreeOnOnceAndTheHistorySaysWhy() throws Exception {
        var bus = new BusClient(port);
        var id = MEMBER.crmContactId();
        var level = partners.contact(id).path("Membership_Level__c").asText();
        // the member is known to the ledger first (a synced change of theirs)
        var bio = "CS ops " + UUID.randomUUID();
        partners.communityActivity(MEMBER.communityId(), "member.profile_updated", "{\"bio\":\"" + bio + "\"}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(partners.contact(id).path("Bio__c").asText()).isEqualTo(bio));

        // settled: the bus has seen the community account as it is (its first sight of the member
        // and any correction it sent are done), and the systems agree
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var settled = json.readTree(bus.get("/api/v1/members/" + id + "/history", TestUsers.VIEWER).body());
            assertThat(settled.path("inSync").asBoolean()).as(settled.path("disagreements").toString()).isTrue();
            var seen = "";
            for (var system : settled.path("systems")) {
                if (system.path("system").asText().equals("community")) {
                    seen = system.path("lastVersion").asText();
                }
            }
            assertThat(seen).isEqualTo(partners.communityAccount(MEMBER.communityId()).path("version").asText());
        });

        // an edit around the bus: the community's level is not the CRM's now
        partners.communityPatch(MEMBER.communityId(), "{\"level\":\"FELLOW\"}");
        var history = json.readTree(bus.get("/api/v1/members/" + id + "/history", TestUsers.VIEWER).body());
        assertThat(history.path("checkedNow").asBoolean()).isTrue();
        assertThat(history.path("inSync").asBoolean()).isFalse();
        var level_ = disagreement(history, "level");
        assertThat(level_).as(history.toString()).isNotNull();
        assertThat(level_.path("crm").asText()).isEqualTo(level);
        assertThat(level_.path("community").asText()).isEqualTo("Fellow");
        assertThat(level_.path("system").asText()).isEqualTo("community");
        assertThat(level_.path("why").asText()).contains("community changed level").contains("the CRM owns it");

        // a VIEWER may not run a playbook
        var request = "{\"playbook\":\"resync-member\",\"requestKey\":\"t-" + UUID.randomUUID() + "\"}";
        assertThat(bus.postAs(TestUsers.VIEWER, "/api/v1/cs-ops/workflows/" + id, request).statusCode()).isEqualTo(403);

        var first = bus.postAs(TestUsers.OPERATOR, "/api/v1/cs-ops/workflows/" + id, request);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        var run = json.readTree(first.body());
        assertThat(run.path("status").asText()).as(first.body()).isEqualTo("completed");
        assertThat(run.path("repeated").asBoolean()).isFalse();
        var steps = new ArrayList<String>();
        run.path("steps").forEach(s -> steps.add(s.path("step").asText() + ":" + s.path("status").asText()));
        assertThat(steps).containsExactly("resync-from-crm:done", "recompute-health:done");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(partners.communityAccount(MEMBER.communityId()).path("level").asText()).isEqualTo(level.toUpperCase()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(disagreement(
                json.readTree(bus.get("/api/v1/members/" + id + "/history", TestUsers.VIEWER).body()), "level")).isNull());

        // the same key again: the run as recorded, nothing run twice
        var again = bus.postAs(TestUsers.ADMIN, "/api/v1/cs-ops/workflows/" + id, request);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).path("repeated").asBoolean()).isTrue();
        assertThat(json.readTree(again.body()).path("steps")).isEqualTo(run.path("steps"));
        // the same key for another playbook: refused
        assertThat(bus.postAs(TestUsers.OPERATOR, "/api/v1/cs-ops/workflows/" + id,
                request.replace("resync-member", "health-refresh")).statusCode()).isEqualTo(409);
    }

    @Test
    void badRequestsAreRefusedWithTheirReason() {
        var bus = new BusClient(port);
        var id = MEMBER.crmContactId();
        var noPlaybook = bus.postAs(TestUsers.OPERATOR, "/api/v1/cs-ops/workflows/" + id, "{\"playbook\":\"nope\",\"requestKey\":\"k1\"}");
        assertThat(noPlaybook.statusCode()).isEqualTo(400);
        assertThat(noPlaybook.body()).contains("resync-member");
        assertThat(bus.postAs(TestUsers.OPERATOR, "/api/v1/cs-ops/workflows/" + id, "{\"playbook\":\"resync-member\"}")
                .statusCode()).as("no request key").isEqualTo(400);
        assertThat(bus.postAs(TestUsers.OPERATOR, "/api/v1/cs-ops/workflows/not-an-id", "{\"playbook\":\"resync-member\",\"requestKey\":\"k2\"}")
                .statusCode()).isEqualTo(400);
        assertThat(bus.postAs(TestUsers.OPERATOR, "/api/v1/cs-ops/workflows/003DM9999999999AAA",
                "{\"playbook\":\"resync-member\",\"requestKey\":\"k3\"}").statusCode()).isEqualTo(404);
        assertThat(bus.post("/api/v1/cs-ops/workflows/" + id, "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void performanceIsMeasuredAgainstTheSeedsTargets() throws Exception {
        var bus = new BusClient(port);
        assertThat(bus.get("/api/v1/cs-ops/performance", null).statusCode()).isEqualTo(401);
        assertThat(bus.get("/api/v1/cs-ops/performance?window=soon", TestUsers.VIEWER).statusCode()).isEqualTo(400);
        // a member the ledger knows (their own edit synced), then a CRM change that flows to the
        // community: freshness has a measurement (CRM commit to the community holding it)
        var member = OTHER.crmContactId();
        var bio = "Perf " + UUID.randomUUID();
        partners.communityActivity(OTHER.communityId(), "member.profile_updated", "{\"bio\":\"" + bio + "\"}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(partners.contact(member).path("Bio__c").asText()).isEqualTo(bio));
        partners.updateSObject("Contact", member, "{\"Membership_Level__c\":\"Fellow\"}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(partners.communityAccount(OTHER.communityId()).path("level").asText()).isEqualTo("FELLOW"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var answer = bus.get("/api/v1/cs-ops/performance?window=PT1H", TestUsers.VIEWER);
            assertThat(answer.statusCode()).isEqualTo(200);
            var figures = json.readTree(answer.body());
            assertThat(figures.path("throughput").path("eventsProcessed").asLong()).isPositive();
            assertThat(figures.path("throughput").path("syncDecisions").asLong()).isPositive();
            assertThat(figures.path("freshness").path("targetSeconds").asDouble()).isEqualTo(5.0);
            assertThat(figures.path("freshness").path("p95Seconds").isNumber()).as(answer.body()).isTrue();
            assertThat(figures.path("freshness").path("crmToCommunity").path("changes").asLong()).isPositive();
            assertThat(figures.path("errorRate").path("targetPercent").asDouble()).isEqualTo(0.1);
            assertThat(figures.path("errorRate").path("handled").asLong()).isPositive();
            assertThat(figures.path("syncAccuracy").path("targetPercent").asDouble()).isEqualTo(99.9);
            assertThat(figures.path("syncAccuracy").path("records").asLong()).isPositive();
            assertThat(figures.path("syncAccuracy").path("percent").asDouble()).isBetween(0.0, 100.0);
        });
    }

    static JsonNode disagreement(JsonNode history, String field) {
        for (var d : history.path("disagreements")) {
            if (d.path("field").asText().equals(field)) {
                return d;
            }
        }
        return null;
    }
}
