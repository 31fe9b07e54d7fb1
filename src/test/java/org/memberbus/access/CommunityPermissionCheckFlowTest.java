package org.memberbus.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberbus.SandboxTest;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.memberbus.sandbox.demo.Grade;
import org.springframework.beans.factory.annotation.Value;

/**
 * The community asks the bus itself: with its permission service configured (as the platform's
 * administrator sets it, sandbox.community.access-decisions.url), a member's click on the community
 * (opening a content item, posting) makes the community call POST /api/v1/access/decisions with its
 * own key and enforce the answer. The test drives only the community and the CRM. Active demo
 * members of their own (number % 97 == 47).
 */
@SandboxTest
class CommunityPermissionCheckFlowTest extends CommunityMembersFlow {

    static final List<DemoMember> OURS = activeMembers(47);

    @Value("${memberbus.access.community-api-key}") String communityClientKey;

    static DemoMember ours(Grade grade) {
        return OURS.stream().filter(m -> m.level() == grade).findFirst().orElseThrow();
    }

    @BeforeEach
    void theCommunityAsksTheBus() throws Exception {
        var set = communityCall("PUT", "/__sandbox/access-decisions", json.writeValueAsString(Map.of(
                "url", "http://localhost:" + port + "/api/v1/access/decisions", "apiKey", communityClientKey)));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    }

    @AfterEach
    void theCommunityDecidesAlone() throws Exception {
        communityCall("PUT", "/__sandbox/access-decisions", "{\"url\": \"\"}");
    }

    int view(DemoMember member, String contentId) throws Exception {
        return act(member, "content.viewed", "{\"contentId\": \"" + contentId + "\"}").statusCode();
    }

    @Test
    void anAssociateIsRefusedPremiumContentWithTheUpgradeAndServedMemberContent() throws Exception {
        var associate = ours(Grade.ASSOCIATE);
        var refused = act(associate, "content.viewed", "{\"contentId\": \"premium-salary-survey\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(json.readTree(refused.body()).path("error").asText()).contains("upgrade PROFESSIONAL").contains("USD")
                .contains("[rule premium]");
        assertThat(view(associate, "member-newsletter")).isEqualTo(201);
        assertThat(act(associate, "post.created", "{\"title\": \"Hello\", \"forum\": \"general\"}").statusCode()).isEqualTo(201);

        // the same click with the community deciding alone: served (the refusal was the bus's answer)
        theCommunityDecidesAlone();
        assertThat(view(associate, "premium-salary-survey")).isEqualTo(201);
    }

    @Test
    void aLapseInTheCrmRefusesPremiumContentAndPostingOnTheCommunityAndTheRenewalRestoresThem() throws Exception {
        var professional = ours(Grade.PROFESSIONAL);
        // the whole suite shares one sandbox: staff first confirm the member's standing in the CRM
        partners.updateSObject("Contact", professional.crmContactId(),
                "{\"Membership_Status__c\": \"Active\", \"Membership_Level__c\": \"Professional\"}");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            var served = act(professional, "content.viewed", "{\"contentId\": \"premium-salary-survey\"}");
            assertThat(served.statusCode()).as(served.body()).isEqualTo(201);
        });
        partners.updateSObject("Contact", professional.crmContactId(), "{\"Membership_Status__c\": \"Lapsed\"}");
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                    .until(() -> view(professional, "premium-salary-survey") == 403);
            var refused = act(professional, "content.viewed", "{\"contentId\": \"premium-salary-survey\"}");
            assertThat(json.readTree(refused.body()).path("error").asText()).contains("Lapsed").contains("renewal");
            var post = act(professional, "post.created", "{\"title\": \"Still here\"}");
            assertThat(post.statusCode()).as(post.body()).isEqualTo(403);
            assertThat(json.readTree(post.body()).path("error").asText()).contains("[rule member]");
        } finally {
            partners.updateSObject("Contact", professional.crmContactId(), "{\"Membership_Status__c\": \"Active\"}");
        }
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> view(professional, "premium-salary-survey") == 201);
        assertThat(act(professional, "post.created", "{\"title\": \"Back\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void thePermissionServiceNotAnsweringRefusesRatherThanServing() throws Exception {
        var member = ours(Grade.PROFESSIONAL);
        communityCall("PUT", "/__sandbox/access-decisions", json.writeValueAsString(Map.of(
                "url", "http://localhost:" + port + "/api/v1/access/decisions", "apiKey", "not-the-key")));
        var refused = act(member, "content.viewed", "{\"contentId\": \"premium-salary-survey\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(json.readTree(refused.body()).path("error").asText()).contains("did not decide");
    }
}
