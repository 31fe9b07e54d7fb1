package org.memberbus.member.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.KafkaProbe;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.inbound.WebhookSignature;
import org.memberbus.member.MembershipLevel;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.Grade;
import org.memberbus.sandbox.demo.Standing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The member join across the whole bus, driven from outside: a person applies on the community
 * portal, pays at the gateway the way the community's checkout does, and the test looks at what
 * Salesforce, the community and the marketing system end up holding. Every test uses its own
 * applicant (a new email), so it depends on no demo member and no other test.
 */
@SandboxTest
class MemberJoinFlowTest {

    static final Duration JOIN = Duration.ofSeconds(60);

    @LocalServerPort int port;
    @Value("${memberbus.kafka.brokers}") String brokers;
    @Value("${memberbus.gateway.url}") String gatewayUrl;
    @Value("${memberbus.gateway.api-key}") String gatewayKey;
    @Value("${memberbus.gateway.webhook-secret}") String gatewaySecret;
    @Autowired PartnerProbe partners;
    @Autowired JoinRequests joins;
    final ObjectMapper json = new ObjectMapper();

    record Applicant(String applicationId, String accountId, String email, String lastName, MembershipLevel level) {}

    BusClient bus() {
        return new BusClient(port);
    }

    Checkout checkout() {
        return new Checkout(gatewayUrl, gatewayKey);
    }

    /** A new person applies on the portal: the community makes the pending account and sends its webhook. */
    Applicant apply(MembershipLevel level) {
        var email = "joiner-" + UUID.randomUUID() + "@example.org";
        var lastName = "Hopper-" + email.substring(7, 15);
        var outcome = partners.communityApplication("""
                {"firstName":"Grace","lastName":"%s","email":"%s","level":"%s","employer":"US Navy",
                 "phone":"+1-555-0199","city":"Arlington","country":"US"}""".formatted(lastName, email, level));
        var applicant = new Applicant(outcome.at("/result/id").asText(), outcome.at("/event/account/id").asText(),
                email, lastName, level);
        assertThat(applicant.applicationId()).startsWith("app_");
        assertThat(partners.communityAccount(applicant.accountId()).path("membershipStatus").asText()).isEqualTo("PENDING");
        return applicant;
    }

    JsonNode pay(Applicant a, String card, long cents) {
        return checkout().pay(card, cents, Checkout.joinMetadata(a.applicationId(), a.accountId(), a.level().name(), a.email()));
    }

    static long dues(MembershipLevel level) {
        return switch (level) {
            case STUDENT -> 5000;
            case ASSOCIATE -> 15000;
            case PROFESSIONAL -> 29500;
            case FELLOW -> 39500;
        };
    }

    JsonNode join(String applicationId) throws Exception {
        var response = bus().get("/api/v1/joins/" + applicationId, BusClient.OPS);
        return response.statusCode() == 404 ? json.createObjectNode() : json.readTree(response.body());
    }

    JsonNode contactsByEmail(String email) {
        return partners.soql("SELECT Id, FirstName, LastName, Email, Member_Number__c, Community_Id__c, "
                + "Membership_Status__c, Membership_Level__c, Membership_Start_Date__c, Membership_End_Date__c, "
                + "Membership_Dues__c, Member_Since__c, Employer__c, MailingCity FROM Contact WHERE Email = '" + email + "'");
    }

    List<JsonNode> runsFor(String campaign, String email) {
        return StreamSupport.stream(partners.campaignRuns(campaign).spliterator(), false)
                .filter(run -> email.equalsIgnoreCase(run.path("email").asText())).toList();
    }

    /**
     * The applicant is now a member everywhere: one Contact and one active Membership__c (with the
     * dues payment) in Salesforce, the community account linked and open, one welcome. Returns the contact.
     */
    JsonNode assertMember(Applicant a) throws Exception {
        var today = LocalDate.now();
        var end = today.plusYears(1).minusDays(1);
        var contact = new JsonNode[1];
        await().atMost(JOIN).untilAsserted(() -> {
            var contacts = contactsByEmail(a.email());
            assertThat(contacts.path("totalSize").asInt()).isEqualTo(1);
            contact[0] = contacts.path("records").get(0);
        });
        var c = contact[0];
        var id = c.path("Id").asText();
        assertThat(c.path("LastName").asText()).isEqualTo(a.lastName());
        assertThat(c.path("Member_Number__c").asText()).matches("M\\d{6,}");
        assertThat(c.path("Community_Id__c").asText()).isEqualTo(a.accountId());
        assertThat(c.path("Membership_Status__c").asText()).isEqualTo("Active");
        assertThat(c.path("Membership_Level__c").asText()).isEqualToIgnoringCase(a.level().name());
        assertThat(c.path("Membership_Start_Date__c").asText()).isEqualTo(today.toString());
        assertThat(c.path("Membership_End_Date__c").asText()).isEqualTo(end.toString());
        assertThat(c.path("Member_Since__c").asText()).isEqualTo(today.toString());
        assertThat(c.path("Membership_Dues__c").decimalValue()).isEqualByComparingTo(Long.toString(dues(a.level()) / 100));
        assertThat(c.path("Employer__c").asText()).isEqualTo("US Navy");

        await().atMost(JOIN).untilAsserted(() -> {
            var memberships = partners.soql("SELECT Id, Status__c, Level__c, Start_Date__c, End_Date__c, Dues__c "
                    + "FROM Membership__c WHERE Contact__c = '" + id + "'");
            assertThat(memberships.path("totalSize").asInt()).isEqualTo(1);
            var m = memberships.path("records").get(0);
            assertThat(m.path("Status__c").asText()).isEqualTo("Active");
            assertThat(m.path("Level__c").asText()).isEqualToIgnoringCase(a.level().name());
            assertThat(m.path("Start_Date__c").asText()).isEqualTo(today.toString());
            assertThat(m.path("End_Date__c").asText()).isEqualTo(end.toString());
            var payments = partners.soql("SELECT Id, Amount__c, Status__c, Type__c FROM Payment__c WHERE Contact__c = '" + id + "'");
            assertThat(payments.path("totalSize").asInt()).isEqualTo(1);
            assertThat(payments.path("records").get(0).path("Status__c").asText()).isEqualTo("Succeeded");
        });

        await().atMost(JOIN).untilAsserted(() -> {
            var account = partners.communityAccount(a.accountId());
            assertThat(account.path("crmContactId").asText()).isEqualTo(id);
            assertThat(account.path("memberNumber").asText()).isEqualTo(c.path("Member_Number__c").asText());
            assertThat(account.path("membershipStatus").asText()).isEqualTo("ACTIVE");
            assertThat(account.path("membershipEndDate").asText()).isEqualTo(end.toString());
            assertThat(account.path("accessLevel").asText())
                    .isEqualTo(a.level() == MembershipLevel.FELLOW ? "PREMIUM" : "MEMBER");
            assertThat(runsFor("welcome", a.email())).hasSize(1);
        });
        assertThat(join(a.applicationId()).path("status").asText()).isEqualTo("completed");
        assertThat(join(a.applicationId()).path("crmContactId").asText()).isEqualTo(id);
        return c;
    }

    @Test
    void applicationFirstThenPaymentMakesAnActiveMember() throws Exception {
        var a = apply(MembershipLevel.PROFESSIONAL);
        await().atMost(JOIN).untilAsserted(() -> assertThat(join(a.applicationId()).path("level").asText()).isEqualTo("PROFESSIONAL"));
        assertThat(join(a.applicationId()).path("status").asText()).isEqualTo("open");

        long callsBefore = partners.salesforceApiCalls();
        long paidAt = System.nanoTime();
        var intent = pay(a, Checkout.VISA, dues(a.level()));
        assertThat(intent.path("status").asText()).isEqualTo("succeeded");
        await().atMost(JOIN).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(join(a.applicationId()).path("status").asText()).isEqualTo("completed"));
        // a figure, not a test: what one join costs (printed for the record)
        System.out.printf("member join: completed %d ms after the payment, %d Salesforce API calls%n",
                (System.nanoTime() - paidAt) / 1_000_000, partners.salesforceApiCalls() - callsBefore);

        var contact = assertMember(a);
        // the ledger knows the member in both systems, so the CRM's later changes reach the community
        var ledger = json.readTree(bus().get("/api/v1/members/" + contact.path("Id").asText() + "/sync", BusClient.OPS).body());
        assertThat(ledger.path("systems").toString()).contains(a.accountId());
        assertThat(ledger.path("agreed").path("status").asText()).isEqualTo("Active");
    }

    @Test
    void paymentFirstThenApplicationMakesAnActiveMember() throws Exception {
        // the community's checkout has paid, but its application webhook is late: the bus sees the payment first
        var email = "joiner-" + UUID.randomUUID() + "@example.org";
        var lastName = "Lamarr-" + email.substring(7, 15);
        var account = partners.communityCreateAccount("""
                {"firstName":"Hedy","lastName":"%s","email":"%s","level":"ASSOCIATE","membershipStatus":"PENDING",
                 "accessLevel":"NONE","employer":"US Navy"}""".formatted(lastName, email));
        var a = new Applicant("app_t" + UUID.randomUUID().toString().substring(0, 12), account.path("id").asText(), email,
                lastName, MembershipLevel.ASSOCIATE);
        assertThat(pay(a, Checkout.VISA, dues(a.level())).path("status").asText()).isEqualTo("succeeded");
        await().atMost(JOIN).untilAsserted(() -> assertThat(join(a.applicationId()).path("paymentIntentId").asText()).startsWith("pi_"));
        assertThat(join(a.applicationId()).path("status").asText()).isEqualTo("open");
        assertThat(contactsByEmail(email).path("totalSize").asInt()).isZero();

        var webhook = """
                {"id":"evt_%s","type":"membership.application_submitted","created":"%s",
                 "account":{"id":"%s","crmContactId":null},
                 "data":{"applicationId":"%s","firstName":"Hedy","lastName":"%s","email":"%s","level":"ASSOCIATE",
                         "employer":"US Navy","phone":null,"city":"Arlington","country":"US"}}"""
                .formatted(UUID.randomUUID(), Instant.now(), a.accountId(), a.applicationId(), lastName, email);
        assertThat(bus().communityWebhook(webhook).statusCode()).isEqualTo(202);

        assertMember(a);
    }

    @Test
    void aDeclinedPaymentSendsTheNoticeAndCreatesNothingThenAGoodPaymentCompletesTheJoin() throws Exception {
        var a = apply(MembershipLevel.PROFESSIONAL);
        await().atMost(JOIN).untilAsserted(() -> assertThat(join(a.applicationId()).path("level").asText()).isEqualTo("PROFESSIONAL"));

        var declined = pay(a, Checkout.DECLINED, dues(a.level()));
        assertThat(declined.at("/error/code").asText()).isEqualTo("card_declined");
        await().atMost(JOIN).untilAsserted(() -> assertThat(runsFor("payment-failed", a.email())).hasSize(1));
        assertThat(runsFor("payment-failed", a.email()).get(0).path("crmContactId").isNull()).isTrue();
        var open = join(a.applicationId());
        assertThat(open.path("status").asText()).isEqualTo("open");
        assertThat(open.path("failedPayments").asInt()).isEqualTo(1);
        assertThat(contactsByEmail(a.email()).path("totalSize").asInt()).isZero();

        assertThat(pay(a, Checkout.VISA, dues(a.level())).path("status").asText()).isEqualTo("succeeded");
        assertMember(a);
        assertThat(runsFor("payment-failed", a.email())).hasSize(1);
    }

    @Test
    void theSameGatewayEventDeliveredAgainCreatesOneMember() throws Exception {
        var a = apply(MembershipLevel.FELLOW);
        var intent = pay(a, Checkout.VISA, dues(a.level()));
        var intentId = intent.path("id").asText();
        assertMember(a);

        var succeeded = KafkaProbe.readAll(brokers, "payment.events").stream()
                .filter(r -> "payment_intent.succeeded".equals(KafkaProbe.header(r, "eventType")) && r.value().contains(intentId))
                .findFirst().orElseThrow();
        // the gateway delivers it again: the bus's door knows it
        var again = bus().post("/webhooks/gateway", succeeded.value(), "Stripe-Signature",
                WebhookSignature.sign(gatewaySecret, Instant.now().getEpochSecond(), succeeded.value()));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        // and the topic is replayed: the same event, and the same payment under another event id
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(), new StringSerializer())) {
            for (var eventId : List.of(KafkaProbe.header(succeeded, "eventId"), "evt_replayed_" + UUID.randomUUID())) {
                var record = new ProducerRecord<>("payment.events", succeeded.key(), succeeded.value());
                record.headers().add("eventId", eventId.getBytes()).add("eventType", "payment_intent.succeeded".getBytes());
                producer.send(record).get();
            }
        }
        awaitConsumed("memberbus-member-join-payments", "payment.events");

        var contacts = contactsByEmail(a.email());
        assertThat(contacts.path("totalSize").asInt()).isEqualTo(1);
        var id = contacts.path("records").get(0).path("Id").asText();
        assertThat(partners.soql("SELECT Id FROM Membership__c WHERE Contact__c = '" + id + "'").path("totalSize").asInt()).isEqualTo(1);
        assertThat(partners.soql("SELECT Id FROM Payment__c WHERE Contact__c = '" + id + "'").path("totalSize").asInt()).isEqualTo(1);
        assertThat(runsFor("welcome", a.email())).hasSize(1);
        assertThat(join(a.applicationId()).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void aFormerMemberWhoAppliesAgainIsReactivatedOnTheirOwnContact() throws Exception {
        // a lapsed demo member no other test uses: the first lapsed one whose number ends in 55
        var today = LocalDate.now();
        var former = DemoAssociation.generate(today).members().stream()
                .filter(m -> m.status() == Standing.LAPSED && m.number() % 100 == 55).findFirst().orElseThrow();
        var outcome = partners.communityApplication("""
                {"firstName":"%s","lastName":"%s","email":"%s","level":"%s","employer":"%s","city":"%s","country":"%s"}"""
                .formatted(former.firstName(), former.lastName(), former.email(), former.level(), former.employer(),
                        former.city(), former.country()));
        assertThat(outcome.at("/event/account/id").asText()).isEqualTo(former.communityId());
        assertThat(outcome.at("/event/account/crmContactId").asText()).isEqualTo(former.crmContactId());
        var a = new Applicant(outcome.at("/result/id").asText(), former.communityId(), former.email(), former.lastName(),
                MembershipLevel.valueOf(former.level().name()));
        assertThat(pay(a, Checkout.VISA, dues(a.level())).path("status").asText()).isEqualTo("succeeded");

        var end = today.plusYears(1).minusDays(1);
        await().atMost(JOIN).untilAsserted(() -> {
            var contact = partners.contact(former.crmContactId());
            assertThat(contact.path("Membership_Status__c").asText()).isEqualTo("Active");
            assertThat(contact.path("Membership_Start_Date__c").asText()).isEqualTo(today.toString());
            assertThat(contact.path("Membership_End_Date__c").asText()).isEqualTo(end.toString());
            assertThat(contact.path("Member_Number__c").asText()).isEqualTo(former.memberNumber());
            assertThat(contact.path("Member_Since__c").asText()).isEqualTo(former.memberSince().toString());
            var account = partners.communityAccount(former.communityId());
            assertThat(account.path("membershipStatus").asText()).isEqualTo("ACTIVE");
            assertThat(account.path("accessLevel").asText())
                    .isEqualTo(former.level() == Grade.FELLOW ? "PREMIUM" : "MEMBER");
            assertThat(account.path("memberNumber").asText()).isEqualTo(former.memberNumber());
            assertThat(runsFor("welcome", former.email())).hasSize(1);
        });
        assertThat(contactsByEmail(former.email()).path("totalSize").asInt()).isEqualTo(1);
        assertThat(partners.soql("SELECT Id FROM Membership__c WHERE Contact__c = '" + former.crmContactId()
                + "' AND Status__c = 'Active' AND Start_Date__c = " + today).path("totalSize").asInt()).isEqualTo(1);
        assertThat(join(a.applicationId()).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void aJoinThatFailsHalfWayIsCompletedByItsReplayWithoutDoublingAnything() throws Exception {
        var a = apply(MembershipLevel.STUDENT);
        await().atMost(JOIN).untilAsserted(() -> assertThat(join(a.applicationId()).path("level").asText()).isEqualTo("STUDENT"));
        String intentId;
        JsonNode letter;
        try {
            // the org's daily API allowance runs out right after the join has written the Contact
            partners.salesforceFaults("{\"dailyApiMax\":" + (partners.salesforceApiCalls() + 1) + "}");
            intentId = pay(a, Checkout.VISA, dues(a.level())).path("id").asText();
            var found = new JsonNode[1];
            await().atMost(JOIN).untilAsserted(() -> {
                var letters = json.readTree(bus().get("/api/v1/dead-letters", BusClient.OPS).body());
                found[0] = StreamSupport.stream(letters.spliterator(), false)
                        .filter(l -> l.path("body").asText().contains(intentId)).findFirst().orElse(null);
                assertThat(found[0]).isNotNull();
            });
            letter = found[0];
        } finally {
            partners.salesforceFaults(null);
        }
        assertThat(letter.path("route_id").asText()).isEqualTo("member-join-complete");
        assertThat(letter.path("error").asText()).contains("REQUEST_LIMIT_EXCEEDED");
        var halfWay = contactsByEmail(a.email());
        assertThat(halfWay.path("totalSize").asInt()).isEqualTo(1);
        var id = halfWay.path("records").get(0).path("Id").asText();
        assertThat(partners.soql("SELECT Id FROM Membership__c WHERE Contact__c = '" + id + "'").path("totalSize").asInt()).isZero();
        assertThat(join(a.applicationId()).path("status").asText()).isEqualTo("completing");

        var replay = bus().postAs(BusClient.OPS, "/api/v1/dead-letters/" + letter.path("id").asText() + "/replay", "");
        assertThat(replay.statusCode()).isEqualTo(200);
        var member = assertMember(a);
        assertThat(member.path("Id").asText()).isEqualTo(id);
    }

    @Test
    void aPaymentThatIsNotTheLevelsDuesIsHeldAndCreatesNoMember() throws Exception {
        var a = apply(MembershipLevel.PROFESSIONAL);
        pay(a, Checkout.VISA, dues(MembershipLevel.ASSOCIATE));
        await().atMost(JOIN).untilAsserted(() -> assertThat(join(a.applicationId()).path("status").asText()).isEqualTo("rejected"));
        assertThat(join(a.applicationId()).path("problem").asText()).contains("150.00 USD is not the PROFESSIONAL dues of 295 USD");
        assertThat(contactsByEmail(a.email()).path("totalSize").asInt()).isZero();
        assertThat(runsFor("welcome", a.email())).isEmpty();
    }

    @Test
    void eventsMissingTheApplicationOrLevelAreDeadLetteredAtOnce() throws Exception {
        var marker = "broken-" + UUID.randomUUID();
        var application = """
                {"id":"evt_%s","type":"membership.application_submitted","created":"%s",
                 "account":{"id":"cm_%s","crmContactId":null},
                 "data":{"firstName":"No","lastName":"Level","email":"%s@example.org"}}"""
                .formatted(UUID.randomUUID(), Instant.now(), marker, marker);
        assertThat(bus().communityWebhook(application).statusCode()).isEqualTo(202);
        var payment = checkout().pay(Checkout.VISA, 29500, Checkout.joinMetadata(null, "cm_" + marker, null, marker + "@example.org"));
        assertThat(payment.path("status").asText()).isEqualTo("succeeded");

        // no retries first (they would take 15 s and more): the poison goes straight to the dead letters
        await().atMost(Duration.ofSeconds(12)).untilAsserted(() -> {
            var letters = json.readTree(bus().get("/api/v1/dead-letters", BusClient.OPS).body());
            var mine = StreamSupport.stream(letters.spliterator(), false)
                    .filter(l -> l.path("body").asText().contains(marker)).toList();
            assertThat(mine).extracting(l -> l.path("route_id").asText())
                    .containsExactlyInAnyOrder("member-join-application", "member-join-payment");
            assertThat(mine).extracting(l -> l.path("error").asText())
                    .anySatisfy(e -> assertThat(e).contains("data.applicationId: missing").contains("data.level: missing"))
                    .anySatisfy(e -> assertThat(e).contains("metadata.application_id: missing").contains("metadata.level: missing"));
        });
        assertThat(contactsByEmail(marker + "@example.org").path("totalSize").asInt()).isZero();
    }

    /** Application and payment recorded at the same moment by two consumers: exactly one completes the join. */
    @Test
    void racingHalvesCompleteEachJoinExactlyOnce() throws Exception {
        var pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 40; i++) {
                var applicationId = "app_race_" + UUID.randomUUID();
                var application = new JoinApplication("evt_a_" + i + applicationId, applicationId, "cm_race", null, MembershipLevel.STUDENT,
                        "race@example.org", "R", "Acer", null, null, null, null, Instant.now());
                var payment = new JoinPayment("evt_p_" + i + applicationId, true, applicationId, "cm_race", MembershipLevel.STUDENT,
                        "race@example.org", "pi_race_" + i, 5000, "USD", null, Instant.now(), null);
                var barrier = new CyclicBarrier(2);
                Future<JoinRequest> byApplication = pool.submit(() -> {
                    barrier.await();
                    return joins.recordApplication(application);
                });
                Future<JoinRequest> byPayment = pool.submit(() -> {
                    barrier.await();
                    return joins.recordPayment(payment);
                });
                var outcomes = new ArrayList<>(List.of(byApplication.get(), byPayment.get()));
                assertThat(outcomes).filteredOn(JoinRequest::completeNow).hasSize(1);
                assertThat(joins.find(applicationId).status()).isEqualTo("completing");

                // a redelivery of the completing event completes it again; of the other, never
                var completer = outcomes.get(0).completeNow();
                assertThat(joins.recordApplication(application).completeNow()).isEqualTo(completer);
                assertThat(joins.recordPayment(payment).completeNow()).isEqualTo(!completer);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until a consumer group has committed every record of the topic (so it has processed them). */
    private void awaitConsumed(String group, String topic) {
        try (var admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            await().atMost(JOIN).untilAsserted(() -> {
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
                var request = new java.util.HashMap<org.apache.kafka.common.TopicPartition, OffsetSpec>();
                partitions.forEach(p -> request.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                var ends = admin.listOffsets(request).all().get();
                ends.forEach((tp, end) -> {
                    var at = committed.get(tp);
                    assertThat(at == null ? 0 : at.offset()).as("committed offset of %s", tp).isEqualTo(end.offset());
                });
            });
        }
    }
}
