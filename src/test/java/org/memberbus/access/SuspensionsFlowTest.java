package org.memberbus.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memberbus.SandboxTest;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;

/**
 * Moderation and suspensions both ways, driven from outside: a moderator acts on the community, staff
 * act in the CRM, and the test looks at what the CRM and the community end up holding and what the
 * community is told when the member tries to post. Active demo members of their own (number % 97 == 84).
 */
@SandboxTest
class SuspensionsFlowTest extends CommunityMembersFlow {

    static final List<DemoMember> OURS = activeMembers(84);

    /** The member posts on the forum: the community's own answer (201 published, 403 refused). */
    int post(DemoMember member) throws Exception {
        return communityPost("/api/v1/activity", "{\"type\": \"post.created\", \"accountId\": \"" + member.communityId()
                + "\", \"data\": {\"title\": \"Hello\"}}").statusCode();
    }

    boolean mayPost(DemoMember member) throws Exception {
        return decision(member, "post", "forum/general").path("allowed").asBoolean();
    }

    JsonNode tasks(String contactId) {
        return partners.soql("SELECT Id, Subject, Description FROM Task WHERE WhoId = '" + contactId + "'").path("records");
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
