package org.memberbus.health.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.sandbox.demo.Grade;
import org.memberbus.sandbox.demo.Standing;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The customer-success APIs as staff's tools call them: a member's health with its reasons, a
 * lifecycle campaign for a member or a segment (validated, attributed, sent once per requestId),
 * expansion readiness, renewal risk; refusals with their reasons. Members: numbers ending in 3.
 */
@SandboxTest
class CustomerSuccessApiTest {

    @LocalServerPort int port;
    @Value("${memberbus.gateway.url}") String gatewayUrl;
    @Autowired JdbcTemplate jdbc;
    @Autowired PartnerProbe partners;

    HealthSandbox sandbox;
    BusClient bus;

    @BeforeEach
    void backfilled() {
        sandbox = new HealthSandbox(port, gatewayUrl);
        bus = new BusClient(port);
        HealthSandbox.awaitBackfill(jdbc);
    }

    @Test
    void aMembersHealthSaysWhyWithTheLifecycleStageAndACampaign() {
        DemoMember m = sandbox.pick(d -> d.status() == Standing.LAPSED, h -> true);
        JsonNode health = sandbox.health(m.crmContactId());

        assertThat(health.path("memberId").asText()).isEqualTo(m.crmContactId());
        assertThat(health.path("score").asInt()).isBetween(0, 100);
        assertThat(health.path("band").asText()).isIn("healthy", "watch", "at_risk");
        assertThat(health.path("trend").path("direction").asText()).isIn("up", "down", "flat", "none");
        assertThat(health.path("contributions")).hasSize(9);
        double points = 0;
        for (JsonNode c : health.path("contributions")) {
            assertThat(c.has("value")).isTrue();
            assertThat(c.path("share").asDouble()).isBetween(0.0, 100.0);
            points += c.path("points").asDouble();
        }
        assertThat(points).isCloseTo(health.path("score").asDouble(), org.assertj.core.data.Offset.offset(0.6));
        assertThat(HealthSandbox.signal(health, "dues_paid_on_time")).isZero();
        assertThat(health.path("lifecycleStage").asText()).isEqualTo("lapsed");
        assertThat(health.path("recommendedCampaign").path("campaign").asText()).isEqualTo("reactivation");
        assertThat(health.path("modelVersion").asText()).isNotBlank();
    }

    @Test
    void unknownOrMalformedIdsAndMissingCredentialsAreRefused() {
        assertThat(bus.get("/api/v1/cs-marketing/health/003DM9999999999AAA", BusClient.OPS).statusCode()).isEqualTo(404);
        var malformed = bus.get("/api/v1/cs-marketing/health/x'%20OR%201=1", BusClient.OPS);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(HealthSandbox.read(malformed.body()).path("error").asText()).contains("member_id");
        assertThat(bus.get("/api/v1/cs-marketing/health/" + HealthSandbox.MEMBERS.get(0).crmContactId(), null).statusCode())
                .isEqualTo(401);
        assertThat(bus.get("/api/v1/cs-sales/expansion/003DM9999999999AAA", BusClient.OPS).statusCode()).isEqualTo(404);
        assertThat(bus.get("/api/v1/cs-sales/renewal/risk/a01DM9999999999AAA", BusClient.OPS).statusCode()).isEqualTo(404);
        assertThat(bus.get("/api/v1/cs-sales/renewal/risk/not-an-id", BusClient.OPS).statusCode()).isEqualTo(400);
    }

    @Test
    void expansionReadinessComesWithItsEvidence() {
        DemoMember m = sandbox.pick(d -> d.status() == Standing.ACTIVE
                && d.level() == Grade.PROFESSIONAL, h -> true);
        var response = bus.get("/api/v1/cs-sales/expansion/" + m.crmContactId(), BusClient.OPS);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode expansion = HealthSandbox.read(response.body());
        assertThat(expansion.path("readiness").asInt()).isBetween(0, 100);
        assertThat(expansion.path("level").asText()).isEqualTo("PROFESSIONAL");
        assertThat(expansion.path("upgradeTo").asText()).isEqualTo("FELLOW");
        assertThat(expansion.path("evidence")).hasSize(5);
        assertThat(expansion.path("evidence").get(0).path("factor").asText()).isEqualTo("health_score");
    }

    @Test
    void renewalRiskOfAMembershipComesWithItsPlaybook() {
        DemoMember m = sandbox.pick(d -> d.status() == Standing.ACTIVE && d.expiresWithin(java.time.LocalDate.now(), 30),
                h -> true);
        var response = bus.get("/api/v1/cs-sales/renewal/risk/" + m.membershipId(), BusClient.OPS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode risk = HealthSandbox.read(response.body());
        assertThat(risk.path("membershipId").asText()).isEqualTo(m.membershipId());
        assertThat(risk.path("memberId").asText()).isEqualTo(m.crmContactId());
        assertThat(risk.path("renewalDate").asText()).isEqualTo(m.endDate().toString());
        assertThat(risk.path("daysToRenewal").asInt()).isBetween(0, 30);
        assertThat(risk.path("probability").asDouble()).isBetween(0.02, 0.99);
        assertThat(risk.path("playbook").path("name").asText()).isIn("standard-renewal", "value-review", "save-plan");
        assertThat(risk.path("evidence").get(0).path("factor").asText()).isEqualTo("health_score");
    }

    @Test
    void aCampaignForOneMemberIsSentOnceAndAttributed() {
        DemoMember m = sandbox.pick(d -> d.status() == Standing.ACTIVE, h -> true);
        String requestId = "test-" + UUID.randomUUID();
        String body = "{\"campaign\":\"ce-gap\",\"memberId\":\"" + m.crmContactId() + "\",\"reason\":\"CE review\",\"requestId\":\""
                + requestId + "\"}";

        var first = bus.postAs(BusClient.OPS, "/api/v1/cs-marketing/campaigns", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(HealthSandbox.read(first.body()).path("members").asInt()).isEqualTo(1);
        var again = bus.postAs(BusClient.OPS, "/api/v1/cs-marketing/campaigns", body);
        assertThat(again.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(campaigns(m, "ce-gap")).isEqualTo(1));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8)).until(() -> campaigns(m, "ce-gap") == 1);
        assertThat(jdbc.queryForObject("""
                select count(*) from campaign_attribution a join campaign_request r on r.id = a.campaign_request_id
                where r.request_key = ? and a.member_id = ? and r.requested_by = 'ops' and a.score is not null""",
                Integer.class, requestId, m.crmContactId())).isEqualTo(1);
    }

    @Test
    void aCampaignForASegmentGoesToEachOfItsMembers() {
        // healthy Fellows (no level to upgrade to; the campaign suggests events and certifications)
        String body = "{\"campaign\":\"expansion\",\"segment\":{\"band\":\"healthy\",\"level\":\"fellow\"}}";
        var response = bus.postAs(BusClient.OPS, "/api/v1/cs-marketing/campaigns", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = HealthSandbox.read(response.body());
        int members = answer.path("members").asInt();
        assertThat(members).isPositive();
        String requestId = answer.path("requestId").asText();
        String someone = jdbc.queryForObject("""
                select a.member_id from campaign_attribution a join campaign_request r on r.id = a.campaign_request_id
                where r.request_key = ? order by a.member_id limit 1""", String.class, requestId);
        assertThat(jdbc.queryForObject("""
                select count(*) from campaign_attribution a join campaign_request r on r.id = a.campaign_request_id
                where r.request_key = ? and a.band = 'healthy'""", Integer.class, requestId)).isEqualTo(members);
        assertThat(HealthSandbox.read(response.body()).path("segment").path("status").asText()).isEqualTo("active");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(partners.campaignsTriggered(someone)).anySatisfy(t ->
                        assertThat(t.path("campaign").asText()).isEqualTo("expansion")));
    }

    @Test
    void anInvalidCampaignRequestGetsA400WithItsReasons() {
        var unknown = bus.postAs(BusClient.OPS, "/api/v1/cs-marketing/campaigns",
                "{\"campaign\":\"free-pizza\",\"memberId\":\"003DM0000001003AAA\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(HealthSandbox.read(unknown.body()).path("error").asText()).contains("free-pizza").contains("retention");

        var both = bus.postAs(BusClient.OPS, "/api/v1/cs-marketing/campaigns",
                "{\"campaign\":\"retention\",\"memberId\":\"003DM0000001003AAA\",\"segment\":{\"band\":\"watch\"}}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(HealthSandbox.read(both.body()).path("error").asText()).contains("not both");

        var badSegment = bus.postAs(BusClient.OPS, "/api/v1/cs-marketing/campaigns",
                "{\"campaign\":\"retention\",\"segment\":{\"band\":\"purple\",\"level\":\"emperor\"}}");
        assertThat(badSegment.statusCode()).isEqualTo(400);
        assertThat(HealthSandbox.read(badSegment.body()).path("error").asText()).contains("purple").contains("emperor");

        assertThat(bus.postAs(BusClient.OPS, "/api/v1/cs-marketing/campaigns", "not json").statusCode()).isEqualTo(400);
        assertThat(bus.postAs(BusClient.OPS, "/api/v1/cs-marketing/campaigns",
                "{\"campaign\":\"retention\",\"memberId\":\"003DM9999999999AAA\"}").statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from campaign_request where campaign = 'free-pizza'", Integer.class))
                .isZero();
    }

    @Test
    void theJobsReportWhatTheyDid() {
        var response = bus.get("/api/v1/cs-marketing/health/jobs?job=backfill", BusClient.OPS);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode backfill = HealthSandbox.read(response.body()).get(0);
        assertThat(backfill.path("job").asText()).isEqualTo("backfill");
        assertThat(backfill.path("scored").asInt()).isGreaterThanOrEqualTo(2000);
        assertThat(backfill.path("seed").path("communityAccounts").asInt()).isGreaterThanOrEqualTo(2000);
        assertThat(backfill.path("crmCalls").asInt()).isBetween(10, 40);
    }

    @Test
    void theOperationsAreDescribedInTheOpenApiDocument() {
        var response = bus.get("/api/v1/openapi.json", BusClient.OPS);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = HealthSandbox.read(response.body()).path("paths");
        assertThat(paths.has("/api/v1/cs-marketing/health/{member_id}")).isTrue();
        assertThat(paths.has("/api/v1/cs-marketing/campaigns")).isTrue();
        assertThat(paths.has("/api/v1/cs-sales/expansion/{member_id}")).isTrue();
        assertThat(paths.has("/api/v1/cs-sales/renewal/risk/{membership_id}")).isTrue();
        assertThat(paths.path("/api/v1/cs-marketing/health/{member_id}").path("get").path("parameters").get(0)
                .path("name").asText()).isEqualTo("member_id");
    }

    private int campaigns(DemoMember m, String campaign) {
        int n = 0;
        for (JsonNode t : partners.campaignsTriggered(m.crmContactId())) {
            if (t.path("campaign").asText().equals(campaign)) {
                n++;
            }
        }
        return n;
    }
}
