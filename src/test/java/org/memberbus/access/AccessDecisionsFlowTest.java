package org.memberbus.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Access decisions across the whole bus, driven from outside: the community asks with its own
 * credential, staff change the member in the CRM, and the answers follow. Demo members of their
 * own (number % 97 == 83), so no other test moves them.
 */
@SandboxTest
class AccessDecisionsFlowTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final List<DemoMember> OURS = DemoAssociation.generate(TODAY).members().stream()
            .filter(m -> m.number() % 97 == 83 && m.status() == Standing.ACTIVE && m.endDate().isAfter(TODAY.plusDays(45)))
            .toList();
    static final String PATH = "/api/v1/access/decisions";

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;
    @Autowired JdbcTemplate jdbc;
    @Autowired MemberViews views;
    @Value("${memberbus.salesforce.login-url}") String salesforce;
    @Value("${memberbus.gateway.url}") String gatewayUrl;
    final ObjectMapper json = new ObjectMapper();

    static DemoMember ours(Grade grade, int nth) {
        return OURS.stream().filter(m -> m.level() == grade).skip(nth).findFirst().orElseThrow();
    }

    BusClient bus() {
        return new BusClient(port);
    }

    JsonNode decide(String memberId, String requestsJson) throws IOException {
        var answer = bus().postAs(TestUsers.COMMUNITY, PATH,
                "{\"memberId\": \"" + memberId + "\", \"requests\": " + requestsJson + "}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body()).path("decisions");
    }

    JsonNode premium(String memberId) throws IOException {
        return decide(memberId, "[{\"action\": \"view\", \"resource\": \"content/premium-salary-survey\"}]").get(0);
    }

    /**
     * A freshly started sandbox writes a health score to every CRM contact (2,000 change events in
     * the one ordered change stream): wait for that backfill, then until the bus's member view has
     * caught up with the CRM's last change event, before timing anything.
     */
    @BeforeEach
    void changeStreamCaughtUp() throws Exception {
        caughtUp(jdbc, salesforce, views);
    }

    static void caughtUp(JdbcTemplate jdbc, String salesforce, MemberViews views) throws Exception {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() ->
                jdbc.queryForObject("select count(*) from health_job_run where job = 'backfill'", Integer.class) > 0);
        // the newest Contact change event the CRM has published
        var http = java.net.http.HttpClient.newHttpClient();
        var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(salesforce
                        + "/__sandbox/change-events?channel=/data/ContactChangeEvent&include=true")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var events = new ObjectMapper().readTree(answer.body()).path("events");
        long last = events.isEmpty() ? -1 : events.get(events.size() - 1).path("event").path("replayId").asLong();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100)).until(() -> views.lastReplayId() >= last);
    }

    @Test
    void aLapseInTheCrmTurnsPremiumContentToNoWithTheRenewalOfferedWithinOneSecondAndRenewalTurnsItBack() throws Exception {
        var member = ours(Grade.PROFESSIONAL, 0);
        var id = member.crmContactId();
        var before = premium(id);
        assertThat(before.path("allowed").asBoolean()).as(before.toString()).isTrue();
        assertThat(before.path("rule").asText()).isEqualTo("premium");

        long lapsedAt = System.nanoTime();
        partners.updateSObject("Contact", id, "{\"Membership_Status__c\": \"Lapsed\"}");
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> !premium(id).path("allowed").asBoolean());
        long lapseSeenMs = (System.nanoTime() - lapsedAt) / 1_000_000;
        var denied = premium(id);
        assertThat(denied.path("rule").asText()).isEqualTo("premium");
        assertThat(denied.path("reason").asText()).contains("Lapsed");
        var grant = denied.path("grant");
        assertThat(grant.path("kind").asText()).as(denied.toString()).isEqualTo("renewal");
        assertThat(grant.path("level").asText()).isEqualTo("PROFESSIONAL");
        assertThat(grant.path("amount").asLong()).isPositive();
        assertThat(grant.path("currency").asText()).isEqualTo("USD");
        // the same quote the community would show for the renewal (finance.dues)
        var quote = json.readTree(bus().get("/api/v1/pricing/dues?level=PROFESSIONAL&member=" + id, TestUsers.VIEWER).body());
        assertThat(grant.path("amount").asLong()).isEqualTo(quote.path("amount").asLong());

        long renewedAt = System.nanoTime();
        partners.updateSObject("Contact", id, "{\"Membership_Status__c\": \"Active\"}");
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> premium(id).path("allowed").asBoolean());
        long renewalSeenMs = (System.nanoTime() - renewedAt) / 1_000_000;
        System.out.printf("access staleness: lapse seen after %d ms, renewal after %d ms%n", lapseSeenMs, renewalSeenMs);
    }

    @Test
    void anAssociateIsOfferedTheUpgradeToPremiumWithItsPriceAndMemberContentIsOpen() throws Exception {
        var member = ours(Grade.ASSOCIATE, 0);
        var decisions = decide(member.crmContactId(), """
                [{"action": "view", "resource": "content/premium-salary-survey"},
                 {"action": "view", "resource": "content/member-newsletter"},
                 {"action": "view", "resource": "content/public-about"},
                 {"action": "post", "resource": "forum/general"},
                 {"action": "join", "resource": "group/early-career"},
                 {"action": "broadcast", "resource": "segment/all-members"},
                 {"action": "view", "resource": "content/whatever", "accessLevel": "public"}]""");
        assertThat(decisions).hasSize(7);
        var premium = decisions.get(0);
        assertThat(premium.path("allowed").asBoolean()).isFalse();
        assertThat(premium.path("grant").path("kind").asText()).as(premium.toString()).isEqualTo("upgrade");
        assertThat(premium.path("grant").path("level").asText()).isEqualTo("PROFESSIONAL");
        var quote = json.readTree(bus().get("/api/v1/pricing/dues?level=PROFESSIONAL&member=" + member.crmContactId(),
                TestUsers.VIEWER).body());
        assertThat(premium.path("grant").path("amount").asLong()).isEqualTo(quote.path("amount").asLong()).isPositive();
        assertThat(decisions.get(1).path("allowed").asBoolean()).isTrue();
        assertThat(decisions.get(1).path("rule").asText()).isEqualTo("member");
        assertThat(decisions.get(2).path("allowed").asBoolean()).isTrue();
        assertThat(decisions.get(2).path("rule").asText()).isEqualTo("public");
        assertThat(decisions.get(3).path("allowed").asBoolean()).isTrue();
        assertThat(decisions.get(4).path("allowed").asBoolean()).isTrue();
        assertThat(decisions.get(5).path("allowed").asBoolean()).isFalse();
        assertThat(decisions.get(5).path("rule").asText()).isEqualTo("broadcaster");
        assertThat(decisions.get(5).path("grant").path("level").asText()).isEqualTo("FELLOW");
        assertThat(decisions.get(6).path("allowed").asBoolean()).isTrue();
    }

    @Test
    void theUpgradeTakenFromADenialAndPaidAtTheGatewayOpensPremiumContent() throws Exception {
        var member = ours(Grade.ASSOCIATE, 2);
        var denied = premium(member.crmContactId());
        assertThat(denied.path("allowed").asBoolean()).isFalse();
        var grant = denied.path("grant");
        assertThat(grant.path("kind").asText()).isEqualTo("upgrade");
        // the member pays what the denial offered, through the finance flow (metadata as the community sends it)
        var form = "amount=" + grant.path("amount").asLong() + "&currency=usd&customer=" + member.gatewayCustomerId()
                + "&payment_method=pm_card_visa&confirm=true&metadata%5Bpurpose%5D=membership_change"
                + "&metadata%5Bcrm_contact_id%5D=" + member.crmContactId() + "&metadata%5Blevel%5D=" + grant.path("level").asText();
        var paid = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(gatewayUrl + "/v1/payment_intents"))
                .header("Authorization", "Bearer sk_test_sandbox")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> premium(member.crmContactId()).path("allowed").asBoolean());
        assertThat(partners.contact(member.crmContactId()).path("Membership_Level__c").asText()).isEqualTo("Professional");
    }

    @Test
    void aCertificationAwardedInTheCrmOpensItsContentWithinOneSecond() throws Exception {
        var member = OURS.stream().filter(m -> m.certification() == null && m.level() != Grade.STUDENT).skip(1)
                .findFirst().orElseThrow();
        var asks = "[{\"action\": \"view\", \"resource\": \"content/cds-handbook\"}]";
        var denied = decide(member.crmContactId(), asks).get(0);
        assertThat(denied.path("allowed").asBoolean()).as(denied.toString()).isFalse();
        assertThat(denied.path("grant").path("kind").asText()).isEqualTo("certification");
        assertThat(denied.path("grant").path("program").asText()).isEqualTo("Certified Data Steward");
        long awardedAt = System.nanoTime();
        var certification = partners.createSObject("Certification__c", "{\"Contact__c\": \"" + member.crmContactId()
                + "\", \"Program__c\": \"Certified Data Steward\", \"Status__c\": \"Active\", \"Awarded_Date__c\": \""
                + TODAY + "\", \"Expiration_Date__c\": \"" + TODAY.plusYears(3) + "\"}");
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> decide(member.crmContactId(), asks).get(0).path("allowed").asBoolean());
        long seen = (System.nanoTime() - awardedAt) / 1_000_000;
        // suspended by the certification body: closed again
        partners.updateSObject("Certification__c", certification, "{\"Status__c\": \"Suspended\"}");
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> !decide(member.crmContactId(), asks).get(0).path("allowed").asBoolean());
        System.out.printf("access staleness: certification seen after %d ms%n", seen);
    }

    @Test
    void aCrmSuspensionBlocksPostingButNotReadingAndItsEndRestores() throws Exception {
        var member = ours(Grade.ASSOCIATE, 1);
        var id = member.crmContactId();
        var asks = "[{\"action\": \"post\", \"resource\": \"forum/general\"},"
                + " {\"action\": \"view\", \"resource\": \"content/member-newsletter\"}]";
        assertThat(decide(id, asks).get(0).path("allowed").asBoolean()).isTrue();
        var until = TODAY.plusDays(14);
        partners.updateSObject("Contact", id, "{\"Community_Suspended__c\": true, \"Suspended_Until__c\": \"" + until
                + "\", \"Suspension_Reason__c\": \"Repeated off-topic posting\", \"Suspension_Source__c\": \"Staff\"}");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> !decide(id, asks).get(0).path("allowed").asBoolean());
        var decisions = decide(id, asks);
        assertThat(decisions.get(0).path("rule").asText()).isEqualTo("suspension");
        assertThat(decisions.get(0).path("grant").path("on").asText()).isEqualTo(until.plusDays(1).toString());
        assertThat(decisions.get(1).path("allowed").asBoolean()).isTrue();

        partners.updateSObject("Contact", id, "{\"Community_Suspended__c\": false, \"Suspended_Until__c\": null}");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> decide(id, asks).get(0).path("allowed").asBoolean());
    }

    @Test
    void aContactTheCrmDoesNotHaveIsOfferedAJoin() throws Exception {
        var decision = decide("003000000000000AAA", "[{\"action\": \"view\", \"resource\": \"content/member-x\"}]").get(0);
        assertThat(decision.path("allowed").asBoolean()).isFalse();
        assertThat(decision.path("reason").asText()).contains("not a member");
        assertThat(decision.path("grant").path("kind").asText()).isEqualTo("join");
        assertThat(decision.path("grant").path("level").asText()).isEqualTo("ASSOCIATE");
    }

    @Test
    void onlyTheCommunitysCredentialIsAnswered() {
        var body = "{\"memberId\": \"" + ours(Grade.ASSOCIATE, 0).crmContactId()
                + "\", \"requests\": [{\"action\": \"view\", \"resource\": \"content/x\"}]}";
        assertThat(bus().postAs(TestUsers.VIEWER, PATH, body).statusCode()).isEqualTo(403);
        assertThat(bus().postAs(TestUsers.OPERATOR, PATH, body).statusCode()).isEqualTo(403);
        assertThat(bus().postAs(TestUsers.ADMIN, PATH, body).statusCode()).isEqualTo(403);
        assertThat(bus().postAs("community:wrong-password", PATH, body).statusCode()).isEqualTo(401);
        assertThat(bus().post(PATH, body).statusCode()).isEqualTo(401);
        // and the community's credential reaches nothing else
        assertThat(bus().get("/api/v1/dead-letters", TestUsers.COMMUNITY).statusCode()).isEqualTo(403);
        assertThat(bus().postAs(TestUsers.COMMUNITY, PATH, body).statusCode()).isEqualTo(200);
        // the community's API key (cheap to check on every page the community serves)
        assertThat(bus().post(PATH, body, "X-Api-Key", "community-client-sandbox-key").statusCode()).isEqualTo(200);
        assertThat(bus().post(PATH, body, "X-Api-Key", "community-sandbox-key").statusCode()).isEqualTo(401);
        assertThat(bus().get("/api/v1/dead-letters", null).statusCode()).isEqualTo(401);
        var keyElsewhere = java.net.http.HttpClient.newHttpClient();
        try {
            var answer = keyElsewhere.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://localhost:" + port + "/api/v1/dead-letters"))
                    .header("X-Api-Key", "community-client-sandbox-key").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(401);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBadBodyIsRefusedWithEveryReason() throws Exception {
        HttpResponse<String> answer = bus().postAs(TestUsers.COMMUNITY, PATH,
                "{\"memberId\": \"bob\", \"requests\": [{\"action\": \"delete\", \"resource\": \"content/x\"},"
                        + " {\"action\": \"post\", \"resource\": \"content/x\"}], \"extra\": 1}");
        assertThat(answer.statusCode()).isEqualTo(400);
        var error = json.readTree(answer.body()).path("error").asText();
        assertThat(error).contains("memberId").contains("requests[0].action").contains("requests[1].resource")
                .contains("extra: unknown field");
        assertThat(bus().postAs(TestUsers.COMMUNITY, PATH, "not json").statusCode()).isEqualTo(400);
        assertThat(bus().postAs(TestUsers.COMMUNITY, PATH, "{\"memberId\": \"003000000000000AAA\", \"requests\": []}")
                .statusCode()).isEqualTo(400);
        var big = "{\"memberId\": \"003000000000000AAA\", \"requests\": [], \"pad\": \"" + "x".repeat(70_000) + "\"}";
        assertThat(bus().postAs(TestUsers.COMMUNITY, PATH, big).statusCode()).isEqualTo(413);
    }
}
