package org.memberbus.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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
import org.junit.jupiter.api.BeforeEach;

/**
 * Moderation and suspensions both ways, driven from outside: a moderator acts on the community, staff
 * act in the CRM, and the test looks at what the CRM and the community end up holding and what the
 * community is told when the member tries to post. Active demo members of their own (number % 97 == 84).
 */
@SandboxTest
class SuspensionsFlowTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final List<DemoMember> OURS = DemoAssociation.generate(TODAY).members().stream()
            .filter(m -> m.number() % 97 == 84 && m.status() == Standing.ACTIVE && m.level() != Grade.STUDENT
                    && m.endDate().isAfter(TODAY.plusDays(45)))
            .toList();

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;
    @Autowired JdbcTemplate jdbc;
    @Autowired MemberViews views;
    @Value("${memberbus.salesforce.login-url}") String salesforce;
    @Value("${memberbus.community.url}") String community;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> communityPost(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(community + path))
                .header("X-Api-Key", "community-sandbox-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The member posts on the forum: the community's own answer (201 published, 403 refused). */
    int post(DemoMember member) throws Exception {
        return communityPost("/api/v1/activity", "{\"type\": \"post.created\", \"accountId\": \"" + member.communityId()
                + "\", \"data\": {\"title\": \"Hello\"}}").statusCode();
    }

    boolean mayPost(DemoMember member) throws Exception {
        var answer = new BusClient(port).postAs(TestUsers.COMMUNITY, "/api/v1/access/decisions", "{\"memberId\": \""
                + member.crmContactId() + "\", \"requests\": [{\"action\": \"post\", \"resource\": \"forum/general\"}]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body()).path("decisions").get(0).path("allowed").asBoolean();
    }

    JsonNode tasks(String contactId) {
        return partners.soql("SELECT Id, Subject, Description FROM Task WHERE WhoId = '" + contactId + "'").path("records");
    }

    @BeforeEach
    void changeStreamCaughtUp() throws Exception {
        AccessDecisionsFlowTest.caughtUp(jdbc, salesforce, views);
    }

    @Test
    void aModeratorsBanBecomesACrmSuspensionAndEveryActionIsInTheMembersHistory() throws Exception {
        var member = OURS.get(0);
        var id = member.crmContactId();
        assertThat(mayPost(member)).isTrue();
        var until = TODAY.plusDays(30);
        var warned = communityPost("/api/v1/moderation/actions", "{\"accountId\": \"" + member.communityId()
                + "\", \"action\": \"warning\", \"reason\": \"Off-topic self-promotion\", \"postId\": \"post_1\"}");
        assertThat(warned.statusCode()).as(warned.body()).isEqualTo(201);
        var banned = communityPost("/api/v1/moderation/actions", "{\"accountId\": \"" + member.communityId()
                + "\", \"action\": \"ban\", \"reason\": \"Harassment of another member\", \"until\": \"" + until + "\"}");
        assertThat(banned.statusCode()).as(banned.body()).isEqualTo(201);
        assertThat(post(member)).isEqualTo(403);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            var contact = partners.contact(id);
            assertThat(contact.path("Community_Suspended__c").asBoolean()).as(contact.toString()).isTrue();
            assertThat(contact.path("Suspended_Until__c").asText()).isEqualTo(until.toString());
            assertThat(contact.path("Suspension_Reason__c").asText()).isEqualTo("Harassment of another member");
            assertThat(contact.path("Suspension_Source__c").asText()).isEqualTo("Community Moderator");
        });
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            var subjects = tasks(id).findValuesAsText("Subject");
            assertThat(subjects).contains("Community moderation: warning", "Community moderation: ban");
        });
        // the CRM's suspension is what the bus answers the community from
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> !mayPost(member));

        var lifted = communityPost("/api/v1/moderation/actions", "{\"accountId\": \"" + member.communityId()
                + "\", \"action\": \"unban\"}");
        assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(201);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> !partners.contact(id).path("Community_Suspended__c").asBoolean());
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> mayPost(member));
        assertThat(post(member)).isEqualTo(201);
        // the member's history: one Task per action, none twice
        assertThat(tasks(id).findValuesAsText("Subject")).containsOnlyOnce("Community moderation: warning",
                "Community moderation: ban", "Community moderation: unban");
    }

    @Test
    void aStaffSuspensionInTheCrmRestrictsTheCommunityAccountAndItsEndRestoresIt() throws Exception {
        var member = OURS.get(1);
        var until = TODAY.plusDays(10);
        assertThat(post(member)).isEqualTo(201);
        partners.updateSObject("Contact", member.crmContactId(), "{\"Community_Suspended__c\": true, \"Suspended_Until__c\": \""
                + until + "\", \"Suspension_Reason__c\": \"Unpaid chapter fees under review\", \"Suspension_Source__c\": \"Staff\"}");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            var account = partners.communityAccount(member.communityId());
            assertThat(account.path("suspended").asBoolean()).as(account.toString()).isTrue();
            assertThat(account.path("suspension").path("reason").asText()).isEqualTo("Unpaid chapter fees under review");
            assertThat(account.path("suspension").path("until").asText()).isEqualTo(until.toString());
        });
        assertThat(post(member)).isEqualTo(403);
        assertThat(mayPost(member)).isFalse();

        partners.updateSObject("Contact", member.crmContactId(), "{\"Community_Suspended__c\": false}");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> !partners.communityAccount(member.communityId()).path("suspended").asBoolean());
        assertThat(post(member)).isEqualTo(201);
        assertThat(mayPost(member)).isTrue();
    }
}
