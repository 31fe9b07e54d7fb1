package org.memberbus.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.member.MembershipLevel;
import org.memberbus.member.MembershipStatus;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Change capture that cannot skip, seen from outside: a change whose fact Kafka refuses for a while
 * still reaches the community (and the stored replay id never passes it), a gap event has the
 * record it names reconciled, a deleted or merged Contact archives the member and unlinks and
 * restricts the community account, an undelete restores it, and readiness includes the
 * subscription (DOWN before it: CrmChangeStreamHealthTest). Members: active professionals,
 * number % 97 == 41 (no other test's).
 */
@SandboxTest
class ChangeCaptureTest {

    static final String CHANNEL = "/data/ContactChangeEvent";
    static final List<DemoMember> MEMBERS = DemoAssociation.generate(LocalDate.now()).members().stream()
            .filter(m -> m.number() % 97 == 41 && m.status() == org.memberbus.sandbox.demo.Standing.ACTIVE
                    && m.endDate().isAfter(LocalDate.now().plusDays(60)) && m.level() == org.memberbus.sandbox.demo.Grade.PROFESSIONAL)
            .toList();

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;
    @Autowired JdbcTemplate jdbc;
    @Value("${memberbus.kafka.brokers}") String brokers;
    @Value("${memberbus.topics.crm-changes}") String topic;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void aChangeKafkaRefusesForAWhileStillReachesTheCommunityAndItsReplayIdIsNotPassed() throws Exception {
        DemoMember first = MEMBERS.get(0), second = MEMBERS.get(1);
        awaitSubscribed();
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            // the broker refuses every record of the topic (RecordTooLargeException: not retried by
            // the Kafka client), as it would refuse them while the topic is unavailable
            topicConfig(admin, AlterConfigOp.OpType.SET);
            long stored;
            long firstEvent;
            try {
                stored = storedReplayId();
                partners.updateSObject("Contact", first.crmContactId(), "{\"Membership_Level__c\":\"Fellow\"}");
                firstEvent = partners.salesforceLastReplayId();
                // the failing publish holds the stream: its replay id is not stored, nor any later one
                await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> storedReplayId() < firstEvent);
                partners.updateSObject("Contact", second.crmContactId(), "{\"Membership_Level__c\":\"Fellow\"}");
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> storedReplayId() < firstEvent);
                assertThat(storedReplayId()).isGreaterThanOrEqualTo(stored);
            } finally {
                topicConfig(admin, AlterConfigOp.OpType.DELETE);
            }
            long secondEvent = partners.salesforceLastReplayId();
            // Kafka takes records again: both changes arrive, in order, and the replay id moves past them
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                assertThat(partners.communityAccount(first.communityId()).path("level").asText()).isEqualTo("FELLOW");
                assertThat(partners.communityAccount(second.communityId()).path("level").asText()).isEqualTo("FELLOW");
                assertThat(storedReplayId()).isGreaterThanOrEqualTo(secondEvent);
            });
        }
    }

    @Test
    void aGapEventHasTheRecordItNamesReconciledWithTheCrm() throws Exception {
        var member = MEMBERS.get(2);
        knownToTheLedger(member);
        // changed in the CRM's database beside its application servers: no change event, a gap event
        partners.salesforceSandbox("gap-events", """
                {"sobject":"Contact","changeType":"GAP_UPDATE","recordIds":["%s"],
                 "fields":{"Membership_Level__c":"Fellow","FirstName":"Gapfilled"}}""".formatted(member.crmContactId()));
        assertThat(partners.contact(member.crmContactId()).path("Membership_Level__c").asText()).isEqualTo("Fellow");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            var account = partners.communityAccount(member.communityId());
            assertThat(account.path("level").asText()).isEqualTo("FELLOW");
            assertThat(account.path("firstName").asText()).isEqualTo("Gapfilled");
            assertThat(account.path("accessLevel").asText()).isEqualTo("PREMIUM");
        });
    }

    @Test
    void aDeletedContactUnlinksAndRestrictsTheAccountAndAnUndeleteRestoresIt() throws Exception {
        var member = MEMBERS.get(3);
        knownToTheLedger(member);
        partners.deleteSObject("Contact", member.crmContactId());
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            var account = partners.communityAccount(member.communityId());
            assertThat(account.path("crmContactId").isNull()).as(account.toString()).isTrue();
            assertThat(account.path("accessLevel").asText()).isEqualTo("RESTRICTED");
        });
        assertThat(decisions(member.crmContactId(), "archived")).singleElement().satisfies(d -> {
            assertThat(d.path("newValue").asText()).isEqualTo("archived");
            assertThat(d.path("rule").asText()).isEqualTo("crm-delete");
        });

        partners.salesforceSandbox("undelete/" + member.crmContactId(), null);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            var account = partners.communityAccount(member.communityId());
            assertThat(account.path("crmContactId").asText()).isEqualTo(member.crmContactId());
            assertThat(account.path("accessLevel").asText()).isEqualTo("MEMBER");
        });
        assertThat(decisions(member.crmContactId(), "restored")).hasSize(1);
        assertThat(decisions(member.crmContactId(), "archived")).hasSize(1);
    }

    @Test
    void theLoserOfAMergeIsArchivedAsMergedIntoTheWinnerAndItsAccountUnlinked() throws Exception {
        var tag = UUID.randomUUID().toString().substring(0, 8);
        var winner = partners.createSObject("Contact", "{\"LastName\":\"Winner\",\"Member_Number__c\":\"W" + tag + "\"}");
        var loser = partners.createSObject("Contact", "{\"LastName\":\"Loser\",\"Member_Number__c\":\"L" + tag + "\"}");
        var account = partners.communityCreateAccount("""
                {"firstName":"Lou","lastName":"Loser","email":"loser-%s@example.org","crmContactId":"%s",
                 "membershipStatus":"ACTIVE","level":"ASSOCIATE"}""".formatted(tag, loser)).path("id").asText();
        partners.updateSObject("Contact", loser, "{\"Community_Id__c\":\"" + account + "\"}");

        partners.salesforceSandbox("merge", "{\"masterRecordId\":\"" + winner + "\",\"mergedRecordIds\":[\"" + loser + "\"]}");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            var held = partners.communityAccount(account);
            assertThat(held.path("crmContactId").isNull()).as(held.toString()).isTrue();
            assertThat(held.path("accessLevel").asText()).isEqualTo("RESTRICTED");
        });
        assertThat(decisions(loser, "archived")).singleElement().satisfies(d -> {
            assertThat(d.path("newValue").asText()).isEqualTo("merged into " + winner);
            assertThat(d.path("rule").asText()).isEqualTo("crm-merge");
        });
    }

    @Test
    void readinessIncludesTheChangeStreamSubscription() throws Exception {
        awaitSubscribed();
        var ready = new BusClient(port).get("/actuator/health/readiness", null);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(json.readTree(ready.body()).at("/components/crmChangeStream/details/channel").asText()).isEqualTo(CHANNEL);
    }

    private void awaitSubscribed() {
        await().atMost(Duration.ofSeconds(60)).until(() -> json.readTree(new BusClient(port)
                .get("/actuator/health", null).body()).at("/components/crmChangeStream/status").asText().equals("UP"));
    }

    private long storedReplayId() {
        var ids = jdbc.queryForList("select replay_id from salesforce_replay_id where channel = ?", Long.class, CHANNEL);
        return ids.isEmpty() ? -1 : ids.get(0);
    }

    private void topicConfig(Admin admin, AlterConfigOp.OpType op) throws Exception {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "1"), op))))
                .all().get();
    }

    /** The member's own bio edit on the community flows to the CRM: from then on the ledger knows them. */
    private void knownToTheLedger(DemoMember member) {
        var bio = "Bio " + UUID.randomUUID();
        partners.communityActivity(member.communityId(), "member.profile_updated", "{\"bio\":\"" + bio + "\"}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(partners.contact(member.crmContactId()).path("Bio__c").asText()).isEqualTo(bio));
    }

    private List<JsonNode> decisions(String memberId, String decision) throws Exception {
        var page = json.readTree(new BusClient(port).get("/api/v1/sync/decisions?member=" + memberId
                + "&decision=" + decision, BusClient.OPS).body());
        var items = new ArrayList<JsonNode>();
        page.path("items").forEach(items::add);
        return items;
    }
}
