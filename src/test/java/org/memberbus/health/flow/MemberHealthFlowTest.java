package org.memberbus.health.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memberbus.KafkaProbe;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.sandbox.demo.Standing;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Member health across the whole bus, driven from outside: a member's community activity and
 * card payments move their score, which reaches the CRM contact and Kafka; a drop into at risk
 * starts one retention campaign and one CRM task however often the member is re-scored; the daily
 * job re-scores all demo members within the Salesforce call budget. Members: numbers ending in 3.
 */
@SandboxTest
class MemberHealthFlowTest {

    @LocalServerPort int port;
    @Value("${memberbus.kafka.brokers}") String brokers;
    @Value("${memberbus.gateway.url}") String gatewayUrl;
    @Autowired JdbcTemplate jdbc;
    @Autowired PartnerProbe partners;
    @Autowired ProducerTemplate camel;

    HealthSandbox sandbox;

    @BeforeEach
    void backfilled() {
        sandbox = new HealthSandbox(port, gatewayUrl);
        HealthSandbox.awaitBackfill(jdbc);
    }

    @Test
    void communityActivityMovesTheScoreIntoTheCrmAndOntoKafka() {
        // a member who has not signed in for a month or more: any activity is a sign-in
        DemoMember m = sandbox.pick(d -> d.status() == Standing.ACTIVE,
                h -> HealthSandbox.signal(h, "days_since_login") >= 30 && h.path("band").asText().equals("watch"));
        int before = sandbox.health(m.crmContactId()).path("score").asInt();

        partners.communityActivity(m.communityId(), "content.viewed", "{\"contentId\":\"journal-" + UUID.randomUUID() + "\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(HealthSandbox.signal(sandbox.health(m.crmContactId()), "days_since_login")).isZero());
        int after = sandbox.health(m.crmContactId()).path("score").asInt();
        assertThat(after).isGreaterThan(before);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode contact = partners.contact(m.crmContactId());
            assertThat(contact.path("Health_Score__c").asInt()).isEqualTo(after);
            assertThat(contact.path("Health_Scored_At__c").asText()).isNotBlank();
        });
        assertThat(KafkaProbe.readAll(brokers, "health.changed")).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(m.crmContactId());
            JsonNode fact = HealthSandbox.read(r.value());
            assertThat(fact.path("score").asInt()).isEqualTo(after);
            assertThat(fact.path("previous").path("score").asInt()).isEqualTo(before);
            assertThat(fact.path("cause").asText()).isEqualTo("content.viewed");
            assertThat(fact.path("contributions")).hasSize(9);
            assertThat(fact.path("modelVersion").asText()).isNotBlank();
        });
    }

    @Test
    void aDeclinedDuesPaymentLowersTheScoreAndAPaidOneRaisesItAgain() {
        DemoMember m = sandbox.pick(d -> d.status() == Standing.ACTIVE && !d.expiresWithin(java.time.LocalDate.now(), 100),
                h -> HealthSandbox.signal(h, "dues_paid_on_time") == 1.0 && h.path("band").asText().equals("healthy"));
        int before = sandbox.health(m.crmContactId()).path("score").asInt();

        assertThat(sandbox.payDues(m, "pm_card_chargeDeclined")).isEqualTo(402);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(HealthSandbox.signal(sandbox.health(m.crmContactId()), "dues_paid_on_time")).isZero());
        int declined = sandbox.health(m.crmContactId()).path("score").asInt();
        assertThat(declined).isLessThanOrEqualTo(before - 10);

        assertThat(sandbox.payDues(m, "pm_card_visa")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(sandbox.health(m.crmContactId()).path("score").asInt()).isEqualTo(before));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(partners.contact(m.crmContactId()).path("Health_Score__c").asInt()).isEqualTo(before));
    }

    @Test
    void aDropIntoAtRiskStartsOneRetentionCampaignAndOneCrmTaskHoweverOftenItIsRescored() throws Exception {
        // a member in the watch band whom a declined dues payment (15 of the weight) takes below 40
        DemoMember m = sandbox.pick(d -> d.status() == Standing.ACTIVE && !d.expiresWithin(java.time.LocalDate.now(), 100),
                h -> h.path("band").asText().equals("watch") && h.path("score").asInt() <= 52
                        && HealthSandbox.signal(h, "dues_paid_on_time") == 1.0);

        assertThat(sandbox.payDues(m, "pm_card_chargeDeclined")).isEqualTo(402);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(retentionCampaigns(m)).isEqualTo(1);
            assertThat(tasks(m)).isEqualTo(1);
        });
        JsonNode task = partners.soql("SELECT Id, Subject, OwnerId, ActivityDate, Priority FROM Task WHERE WhoId = '"
                + m.crmContactId() + "'").path("records").get(0);
        assertThat(task.path("OwnerId").asText()).isEqualTo(m.ownerId());
        assertThat(task.path("Subject").asText()).contains("at risk");
        assertThat(task.path("ActivityDate").asText()).isEqualTo(java.time.LocalDate.now().plusDays(3).toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(partners.contact(m.crmContactId()).path("Health_Band__c").asText()).isEqualTo("At Risk"));
        assertThat(KafkaProbe.readAll(brokers, "health.changed")).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(m.crmContactId());
            assertThat(HealthSandbox.read(r.value()).path("band").asText()).isEqualTo("at_risk");
        });
        assertThat(jdbc.queryForObject("select count(*) from campaign_attribution where member_id = ? and campaign = 'retention'",
                Integer.class, m.crmContactId())).isEqualTo(1);

        // re-scored again and again: by the daily job, by another declined payment that changes
        // nothing, and by the same fact delivered twice on Kafka
        camel.requestBody("direct:health-rescore-all", (Object) null);
        assertThat(sandbox.payDues(m, "pm_card_chargeDeclined")).isEqualTo(402);
        redeliverLastPaymentFactOf(m);
        camel.requestBody("direct:health-rescore-all", (Object) null);

        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(retentionCampaigns(m)).isEqualTo(1);
            assertThat(tasks(m)).isEqualTo(1);
        });
        assertThat(sandbox.health(m.crmContactId()).path("band").asText()).isEqualTo("at_risk");
    }

    @Test
    void aBandChangeWithTheRenewalNearIsARenewalRiskChangeOnKafka() {
        // renewing within 60 days; a declined dues payment (15 of the weight) takes them down a band
        DemoMember m = sandbox.pick(d -> d.status() == Standing.ACTIVE && d.expiresWithin(java.time.LocalDate.now(), 60),
                h -> HealthSandbox.signal(h, "dues_paid_on_time") == 1.0
                        && (h.path("band").asText().equals("healthy") && h.path("score").asInt() <= 83
                            || h.path("band").asText().equals("watch") && h.path("score").asInt() <= 53));
        String bandBefore = sandbox.health(m.crmContactId()).path("band").asText();

        assertThat(sandbox.payDues(m, "pm_card_chargeDeclined")).isEqualTo(402);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(KafkaProbe.readAll(brokers, "renewal.risk.changes")).anySatisfy(r -> {
                    assertThat(r.key()).isEqualTo(m.crmContactId());
                    JsonNode fact = HealthSandbox.read(r.value());
                    assertThat(fact.path("type").asText()).isEqualTo("renewal_risk_change");
                    assertThat(fact.path("previousBand").asText()).isEqualTo(bandBefore);
                    assertThat(fact.path("band").asText()).isNotEqualTo(bandBefore);
                    assertThat(fact.path("renewalDate").asText()).isEqualTo(m.endDate().toString());
                    assertThat(fact.path("probability").asDouble()).isBetween(0.02, 0.99);
                    assertThat(fact.path("playbook").asText()).isNotBlank();
                }));
    }

    @Test
    void aMemberCreatedInTheCrmIsScoredAtOnceButNotCalledInTheirFirstDays() {
        String email = "health-" + UUID.randomUUID() + "@example.org";
        String id = partners.createSObject("Contact", """
                {"FirstName":"Nova","LastName":"Joiner","Email":"%s","Membership_Status__c":"Active",
                 "Membership_Level__c":"Associate","Member_Since__c":"%s","Membership_End_Date__c":"%s",
                 "OwnerId":"005DM0000000002AAA"}""".formatted(email, java.time.LocalDate.now(),
                java.time.LocalDate.now().plusYears(1)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(partners.contact(id).path("Health_Band__c").isTextual()).isTrue());
        JsonNode health = sandbox.health(id);
        assertThat(partners.contact(id).path("Health_Score__c").asInt()).isEqualTo(health.path("score").asInt());
        assertThat(health.path("lifecycleStage").asText()).isEqualTo("new");
        assertThat(HealthSandbox.signal(health, "tenure_years")).isZero();
        assertThat(KafkaProbe.readAll(brokers, "health.changed")).anySatisfy(r -> assertThat(r.key()).isEqualTo(id));
        // a member who joined today has not had the time to sign in: no retention call yet
        assertThat(partners.soql("SELECT Id FROM Task WHERE WhoId = '" + id + "'").path("totalSize").asInt()).isZero();
    }

    @Test
    void theDailyJobRescoresEveryDemoMemberWithinTheSalesforceBudget() {
        long callsBefore = partners.salesforceApiCalls();
        @SuppressWarnings("unchecked")
        Map<String, Object> report = camel.requestBodyAndHeader("direct:health-rescore-all", null, "force", true, Map.class);
        long spent = partners.salesforceApiCalls() - callsBefore;

        assertThat((Integer) report.get("scored")).isGreaterThanOrEqualTo(2000);
        assertThat((Integer) report.get("changed")).isEqualTo(report.get("scored"));
        assertThat((Integer) report.get("crmRecordsWritten")).isGreaterThanOrEqualTo(2000);
        assertThat((Integer) report.get("crmCalls")).isBetween(10, 40);
        assertThat(spent).isLessThanOrEqualTo(40);
        assertThat(jdbc.queryForObject("select count(*) from health_job_run where job = 'daily-rescore'", Integer.class))
                .isPositive();

        // the burst of 2,000 contact change events that write causes leaves the CRM's change stream
        // working: staff's edit of a member's tenure reaches the member's health
        DemoMember m = sandbox.pick(d -> d.status() == Standing.ACTIVE,
                h -> HealthSandbox.signal(h, "tenure_years") >= 5);
        int before = sandbox.health(m.crmContactId()).path("score").asInt();
        partners.updateSObject("Contact", m.crmContactId(), "{\"Member_Since__c\":\"" + java.time.LocalDate.now() + "\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(HealthSandbox.signal(sandbox.health(m.crmContactId()), "tenure_years")).isZero());
        int after = sandbox.health(m.crmContactId()).path("score").asInt();
        assertThat(after).isLessThan(before);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(partners.contact(m.crmContactId()).path("Health_Score__c").asInt()).isEqualTo(after));
    }

    private int retentionCampaigns(DemoMember m) {
        int n = 0;
        for (JsonNode t : partners.campaignsTriggered(m.crmContactId())) {
            if (t.path("campaign").asText().equals("retention")) {
                n++;
            }
        }
        return n;
    }

    private int tasks(DemoMember m) {
        return partners.soql("SELECT Id FROM Task WHERE WhoId = '" + m.crmContactId() + "'").path("totalSize").asInt();
    }

    /** The member's latest payment fact published to Kafka again, as a redelivery after a crash would. */
    private void redeliverLastPaymentFactOf(DemoMember m) throws Exception {
        var facts = KafkaProbe.readAll(brokers, "payment.events").stream()
                .filter(r -> m.crmContactId().equals(r.key())).toList();
        assertThat(facts).isNotEmpty();
        var last = facts.get(facts.size() - 1);
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(), new StringSerializer())) {
            var record = new ProducerRecord<>("payment.events", last.key(), last.value());
            last.headers().forEach(h -> record.headers().add(h));
            producer.send(record).get();
        }
    }
}
