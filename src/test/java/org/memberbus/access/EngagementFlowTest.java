package org.memberbus.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The engagement score across the whole bus, driven from outside: a member posts and reads on the
 * community (which sends its webhooks by itself), and the test looks at the CRM contact's score,
 * the explanation the bus gives, and the campaigns the marketing automation ran. Active demo
 * members of their own (number % 97 == 85).
 */
@SandboxTest
class EngagementFlowTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final List<DemoMember> OURS = DemoAssociation.generate(TODAY).members().stream()
            .filter(m -> m.number() % 97 == 85 && m.status() == Standing.ACTIVE && m.level() != Grade.STUDENT
                    && m.endDate().isAfter(TODAY.plusDays(45)))
            .toList();

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;
    final ObjectMapper json = new ObjectMapper();

    JsonNode explained(String id) throws Exception {
        var answer = new BusClient(port).get("/api/v1/engagement/" + id, TestUsers.VIEWER);
        return answer.statusCode() == 200 ? json.readTree(answer.body()) : null;
    }

    List<JsonNode> engagementCampaigns(String id) {
        var runs = new ArrayList<JsonNode>();
        partners.campaignsTriggered(id).forEach(t -> {
            if ("engaged-member".equals(t.path("campaign").asText())) {
                runs.add(t);
            }
        });
        return runs;
    }

    @Test
    void pointsMoveTheCrmScoreAndCrossingTheThresholdStartsOneCampaign() throws Exception {
        var member = OURS.get(0);
        var id = member.crmContactId();
        for (int i = 0; i < 4; i++) {
            partners.communityActivity(member.communityId(), "post.created", "{\"title\": \"Post " + i + "\"}");
        }
        for (int i = 0; i < 3; i++) {
            partners.communityActivity(member.communityId(), "content.viewed", "{\"contentId\": \"member-guide-" + i + "\"}");
        }
        // 4 posts x 5 + 3 views x 1 = 23: below the threshold of 25
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(partners.contact(id).path("Engagement_Score__c").asDouble()).isEqualTo(23.0));
        var explanation = explained(id);
        assertThat(explanation.path("score").asInt()).isEqualTo(23);
        assertThat(explanation.path("contributions").get(0).path("kind").asText()).isEqualTo("post.created");
        assertThat(explanation.path("contributions").get(0).path("count").asInt()).isEqualTo(4);
        assertThat(explanation.path("contributions").get(0).path("contribution").asInt()).isEqualTo(20);
        assertThat(explanation.path("contributions").get(1).path("contribution").asInt()).isEqualTo(3);
        assertThat(engagementCampaigns(id)).isEmpty();

        partners.communityActivity(member.communityId(), "post.created", "{\"title\": \"Crossing\"}");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(partners.contact(id).path("Engagement_Score__c").asDouble()).isEqualTo(28.0);
            assertThat(engagementCampaigns(id)).hasSize(1);
        });
        // further points above the threshold start nothing more
        partners.communityActivity(member.communityId(), "post.created", "{\"title\": \"Above\"}");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(partners.contact(id).path("Engagement_Score__c").asDouble()).isEqualTo(33.0));
        // the bus records the write once the CRM has answered it
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> explained(id).path("inCrm").asBoolean());
        assertThat(engagementCampaigns(id)).hasSize(1);
    }

    @Test
    void viewsAreCappedAndAnUnknownMemberIsRefused() throws Exception {
        var member = OURS.get(1);
        var id = member.crmContactId();
        for (int i = 0; i < 24; i++) {
            partners.communityActivity(member.communityId(), "content.viewed", "{\"contentId\": \"article-" + i + "\"}");
        }
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            var explanation = explained(id);
            assertThat(explanation).isNotNull();
            assertThat(explanation.path("contributions").get(0).path("count").asInt()).isEqualTo(24);
        });
        var views = explained(id).path("contributions").get(0);
        assertThat(views.path("contribution").asInt()).isEqualTo(20);
        assertThat(views.path("cap").asInt()).isEqualTo(20);
        assertThat(new BusClient(port).get("/api/v1/engagement/bob", TestUsers.VIEWER).statusCode()).isEqualTo(400);
        assertThat(new BusClient(port).get("/api/v1/engagement/003000000000000AAA", TestUsers.VIEWER).statusCode())
                .isEqualTo(404);
    }
}
