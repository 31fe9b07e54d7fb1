package org.memberbus.member.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.sandbox.demo.Grade;
import org.memberbus.sandbox.demo.Standing;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The scheduled reconciliation, run by an operator through the API: drift made on the community
 * around the bus is repaired by the sync rules, the report counts it, and a later run finds
 * nothing left to repair. Members: active, not fellows, number % 97 == 13 (no other test's).
 * (Each run reconciles every member; the first one in the shared sandbox links all 2,000.)
 */
@SandboxTest
class MemberReconciliationTest {

    static final String RUN = "/api/v1/jobs/reconciliation/run";

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;
    @Autowired Scheduler quartz;
    @Value("${memberbus.reconciliation.cron}") String cron;
    @Value("${memberbus.reconciliation.time-zone}") String timeZone;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void driftOnTheCommunityIsRepairedByTheRulesCountedAndNotFoundAgain() throws Exception {
        var members = members().subList(0, 3);
        DemoMember lapsed = members.get(0), bio = members.get(1), access = members.get(2);
        var newBio = "Bio only the community knows, " + UUID.randomUUID();

        // drift, made around the bus: a CRM-owned value changed on the community, a community-owned
        // value the CRM never heard of, and an access level that does not follow the membership
        partners.communityPatch(lapsed.communityId(), "{\"membershipStatus\":\"LAPSED\",\"accessLevel\":\"RESTRICTED\"}");
        partners.communityPatch(bio.communityId(), "{\"bio\":\"" + newBio + "\"}");
        partners.communityPatch(access.communityId(), "{\"accessLevel\":\"NONE\"}");
        assertThat(partners.communityAccount(lapsed.communityId()).path("membershipStatus").asText()).isEqualTo("LAPSED");

        var first = run();
        // the community is set back to what the CRM owns, the CRM takes what the community owns
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var account = partners.communityAccount(lapsed.communityId());
            assertThat(account.path("membershipStatus").asText()).isEqualTo("ACTIVE");
            assertThat(account.path("accessLevel").asText()).isEqualTo("MEMBER");
            assertThat(partners.communityAccount(access.communityId()).path("accessLevel").asText()).isEqualTo("MEMBER");
        });
        assertThat(partners.contact(bio.crmContactId()).path("Bio__c").asText()).isEqualTo(newBio);

        // the report counts them, and the decision log says what was decided for whom
        assertThat(first.at("/members/compared").asInt()).isGreaterThanOrEqualTo(DemoAssociation.MEMBER_COUNT);
        assertThat(first.at("/decisions/corrected").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(first.at("/decisions/applied").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(first.at("/writes/accessCorrections").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(first.at("/writes/crmUpdated").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(first.path("membersRepaired").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(decisions(lapsed, "corrected")).extracting(d -> d.path("field").asText()).containsExactly("status");
        assertThat(decisions(bio, "applied")).anySatisfy(d -> {
            assertThat(d.path("field").asText()).isEqualTo("bio");
            assertThat(d.path("newValue").asText()).isEqualTo(newBio);
        });
        // a handful of Salesforce calls: SOQL pages of 2,000, sObject Collections of 200
        int crmWrites = first.at("/writes/crmUpdated").asInt() + first.at("/writes/crmFailed").asInt();
        assertThat(first.at("/apiCalls/salesforce").asInt())
                .isLessThanOrEqualTo(2 + (crmWrites + 199) / 200 + (first.at("/writes/tasksCreated").asInt() + 199) / 200);
        assertThat(first.at("/apiCalls/communityReads").asInt()).isEqualTo((first.at("/members/inCommunity").asInt() + 199) / 200);

        // nothing is repaired twice: a later run finds nothing left (of these members, nor of any)
        long decided = members.stream().mapToLong(m -> decisions(m, null).size()).sum();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(run().path("membersRepaired").asInt()).isZero());
        assertThat(members.stream().mapToLong(m -> decisions(m, null).size()).sum()).isEqualTo(decided);
    }

    @Test
    void aCommunityValueClearedOnTheCommunityIsClearedInTheCrm() throws Exception {
        var member = members().get(3);
        partners.communityPatch(member.communityId(), "{\"avatarUrl\":\"https://community.example.org/a/" + member.number() + ".png\"}");
        run();
        assertThat(partners.contact(member.crmContactId()).path("Avatar_Url__c").asText()).endsWith(member.number() + ".png");

        partners.communityPatch(member.communityId(), "{\"avatarUrl\":null}");
        var cleared = run();
        assertThat(partners.contact(member.crmContactId()).path("Avatar_Url__c").isNull()).isTrue();
        assertThat(cleared.at("/writes/crmUpdated").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theScheduleIsTheConfiguredCronInQuartz() throws Exception {
        var trigger = (CronTrigger) quartz.getTrigger(TriggerKey.triggerKey("member-reconciliation", "memberbus"));
        assertThat(trigger.getCronExpression()).isEqualTo(cron);
        assertThat(trigger.getTimeZone().getID()).isEqualTo(timeZone);
    }

    @Test
    void theJobNeedsAnOperator() {
        assertThat(new BusClient(port).post(RUN, "").statusCode()).isEqualTo(401);
    }

    private static List<DemoMember> members() {
        return DemoAssociation.generate(LocalDate.now()).members().stream()
                .filter(m -> m.number() % 97 == 13 && m.status() == Standing.ACTIVE
                        && m.level() != Grade.FELLOW)
                .limit(4).toList();
    }

    private JsonNode run() throws Exception {
        var response = new BusClient(port).postAs(BusClient.OPS, RUN, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private List<JsonNode> decisions(DemoMember member, String decision) {
        try {
            var page = json.readTree(new BusClient(port).get("/api/v1/sync/decisions?member=" + member.crmContactId()
                    + (decision == null ? "" : "&decision=" + decision) + "&size=500", BusClient.OPS).body());
            var items = new java.util.ArrayList<JsonNode>();
            page.path("items").forEach(items::add);
            return items;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
