package org.memberbus.finance.dues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.TestUsers;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.memberbus.sandbox.demo.Standing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Dues across the whole bus, driven from outside: the community asks for a quote, the member pays
 * it at the gateway (which sends its signed webhooks by itself), and the test looks at what the CRM
 * holds and what staff are shown. Demo members of their own (number % 97 == 29), so no other test
 * moves their terms.
 */
@SandboxTest
class DuesFlowTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    /** Active, ending in more than 45 days, without a dues subscription that renews by itself. */
    static final List<DemoMember> OURS = DemoAssociation.generate(TODAY).members().stream()
            .filter(m -> m.number() % 97 == 29 && m.status() == Standing.ACTIVE && m.number() % 3 != 0
                    && m.endDate().isAfter(TODAY.plusDays(45)))
            .toList();

    @LocalServerPort int port;
    @Value("${memberbus.gateway.url}") String gatewayUrl;
    @Value("${memberbus.join.pricing-path}") String pricingPath;
    @Value("${memberbus.kafka.brokers}") String brokers;
    @Autowired PartnerProbe partners;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    BusClient bus() {
        return new BusClient(port);
    }

    JsonNode quote(String query) throws IOException {
        var answer = bus().get("/api/v1/pricing/dues?" + query, TestUsers.VIEWER);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    JsonNode heldPayment(String paymentId) throws IOException {
        var answer = bus().get("/api/v1/finance/held-payments", TestUsers.OPERATOR);
        assertThat(answer.statusCode()).isEqualTo(200);
        return StreamSupport.stream(json.readTree(answer.body()).spliterator(), false)
                .filter(h -> paymentId.equals(h.path("paymentId").asText())).findFirst().orElse(null);
    }

    JsonNode payments(String gatewayPaymentId) {
        return partners.soql("SELECT Id, Contact__c, Amount__c, Currency__c, Status__c, Type__c FROM Payment__c "
                + "WHERE Gateway_Payment_Id__c = '" + gatewayPaymentId + "'");
    }

    /** The gateway delivers its event again, and twice more under new event ids (as a replay would). */
    void deliverAgainThreeTimes(String type, String objectId) throws IOException {
        var event = gatewayEvent(type, objectId);
        var again = bus().gatewayWebhook(json.writeValueAsString(event));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        for (int i = 0; i < 2; i++) {
            ((ObjectNode) event).put("id", "evt_again_" + UUID.randomUUID());
            assertThat(bus().gatewayWebhook(json.writeValueAsString(event)).statusCode()).isEqualTo(202);
        }
    }

    /** The share of one term's dues the shipped table gives a calendar-year join this month, and whether it buys next year too. */
    static long[] calendarShare(LocalDate day) {
        return switch ((day.getMonthValue() - 1) / 3) {
            case 0 -> new long[] {100, 0};
            case 1 -> new long[] {75, 0};
            case 2 -> new long[] {50, 0};
            default -> new long[] {125, 1};
        };
    }

    @Test
    void aProratedJoinIsQuotedThenPaidAndTheCrmHoldsWhatItBoughtOnceHoweverOftenItIsDelivered() throws Exception {
        // staff move students to calendar-year terms (the bus reads the file again, no restart)
        var file = Path.of(pricingPath);
        var shipped = Files.readString(file);
        try {
            change(file, shipped.replace("STUDENT: anniversary", "STUDENT: calendar-year"));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(quote("level=STUDENT").path("rule").asText())
                    .startsWith("calendar-year term"));

            var quote = quote("level=student");
            var share = calendarShare(TODAY);
            assertThat(quote.path("kind").asText()).isEqualTo("join");
            assertThat(quote.path("currency").asText()).isEqualTo("USD");
            assertThat(quote.path("amount").asLong()).isEqualTo(5000 * share[0] / 100);
            assertThat(quote.path("termStart").asText()).isEqualTo(TODAY.toString());
            var end = LocalDate.of(TODAY.getYear() + (int) share[1], 12, 31);
            assertThat(quote.path("termEnd").asText()).isEqualTo(end.toString());
            assertThat(quote.path("rule").asText()).contains(share[0] + " %");

            // the person applies on the community and pays what they were shown
            var email = "prorated-" + UUID.randomUUID() + "@example.org";
            var outcome = partners.communityApplication("""
                    {"firstName":"Emmy","lastName":"Noether-%s","email":"%s","level":"STUDENT","country":"DE"}"""
                    .formatted(email.substring(9, 17), email));
            var intent = pay(null, quote.path("amount").asLong(), Map.of("purpose", "membership_join",
                    "application_id", outcome.at("/result/id").asText(),
                    "community_account_id", outcome.at("/event/account/id").asText(), "level", "STUDENT", "email", email,
                    "term_start", quote.path("termStart").asText(), "term_end", quote.path("termEnd").asText()));
            assertThat(intent.path("status").asText()).as(intent.toString()).isEqualTo("succeeded");
            var paymentId = intent.path("id").asText();

            var contactId = new String[1];
            await().atMost(PATIENCE).untilAsserted(() -> {
                var contacts = partners.soql("SELECT Id, Membership_Status__c, Membership_Start_Date__c, "
                        + "Membership_End_Date__c, Membership_Dues__c FROM Contact WHERE Email = '" + email + "'");
                assertThat(contacts.path("totalSize").asInt()).isEqualTo(1);
                var c = contacts.path("records").get(0);
                assertThat(c.path("Membership_Status__c").asText()).isEqualTo("Active");
                assertThat(c.path("Membership_Start_Date__c").asText()).isEqualTo(TODAY.toString());
                assertThat(c.path("Membership_End_Date__c").asText()).isEqualTo(end.toString());
                contactId[0] = c.path("Id").asText();
                var payment = payments(paymentId);
                assertThat(payment.path("totalSize").asInt()).isEqualTo(1);
                assertThat(payment.at("/records/0/Contact__c").asText()).isEqualTo(contactId[0]);
                assertThat(payment.at("/records/0/Amount__c").decimalValue().movePointRight(2).longValueExact())
                        .isEqualTo(quote.path("amount").asLong());
            });
            assertThat(partners.soql("SELECT End_Date__c FROM Membership__c WHERE Contact__c = '" + contactId[0] + "'")
                    .at("/records/0/End_Date__c").asText()).isEqualTo(end.toString());

            deliverAgainThreeTimes("payment_intent.succeeded", paymentId);
            awaitProcessedByTheFlows();
            assertThat(partners.soql("SELECT Id FROM Contact WHERE Email = '" + email + "'").path("totalSize").asInt()).isEqualTo(1);
            assertThat(partners.soql("SELECT Id FROM Membership__c WHERE Contact__c = '" + contactId[0] + "'")
                    .path("totalSize").asInt()).isEqualTo(1);
            assertThat(partners.soql("SELECT Id FROM Payment__c WHERE Contact__c = '" + contactId[0] + "'")
                    .path("totalSize").asInt()).isEqualTo(1);
            assertThat(heldPayment(paymentId)).isNull();
        } finally {
            change(file, shipped);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(quote("level=STUDENT").path("rule").asText())
                    .startsWith("anniversary term"));
        }
    }

    @Test
    void aJoinPaymentThatIsNotItsQuoteIsListedForStaffAndMakesNoMember() throws Exception {
        var email = "underpaid-" + UUID.randomUUID() + "@example.org";
        var outcome = partners.communityApplication("""
                {"firstName":"Lise","lastName":"Meitner-%s","email":"%s","level":"ASSOCIATE","country":"AT"}"""
                .formatted(email.substring(10, 18), email));
        var applicationId = outcome.at("/result/id").asText();
        var intent = pay(null, 9900, Map.of("purpose", "membership_join", "application_id", applicationId,
                "community_account_id", outcome.at("/event/account/id").asText(), "level", "ASSOCIATE", "email", email));
        var paymentId = intent.path("id").asText();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(heldPayment(paymentId)).isNotNull());
        var held = heldPayment(paymentId);
        assertThat(held.path("purpose").asText()).isEqualTo("membership_join");
        assertThat(held.path("applicationId").asText()).isEqualTo(applicationId);
        assertThat(held.path("amount").asLong()).isEqualTo(9900);
        assertThat(held.path("expectedAmount").asLong()).isEqualTo(quote("level=ASSOCIATE").path("amount").asLong());
        assertThat(held.path("reason").asText()).contains("99.00 USD is not the ASSOCIATE dues of 150 USD");
        assertThat(partners.soql("SELECT Id FROM Contact WHERE Email = '" + email + "'").path("totalSize").asInt()).isZero();
    }

    @Test
    void aRenewalPaymentThatIsNotItsQuoteIsHeldForStaffAndTheTermStaysHoweverOftenItIsDelivered() throws Exception {
        var member = OURS.get(0);
        var quote = quote("member=" + member.crmContactId() + "&level=" + member.level());
        assertThat(quote.path("kind").asText()).isEqualTo("renewal");
        long full = member.dues().movePointRight(2).longValueExact();
        assertThat(quote.path("amount").asLong()).isEqualTo(full);
        assertThat(quote.path("termStart").asText()).isEqualTo(member.endDate().plusDays(1).toString());
        assertThat(quote.path("termEnd").asText()).isEqualTo(member.endDate().plusYears(1).toString());

        // the member pays less than the quote (an old price list on the community, say)
        var intent = pay(member.gatewayCustomerId(), full - 1000, Map.of("purpose", "membership_renewal",
                "crm_contact_id", member.crmContactId(), "level", member.level().name()));
        var paymentId = intent.path("id").asText();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(heldPayment(paymentId)).isNotNull());
        var held = heldPayment(paymentId);
        assertThat(held.path("purpose").asText()).isEqualTo("membership_renewal");
        assertThat(held.path("crmContactId").asText()).isEqualTo(member.crmContactId());
        assertThat(held.path("amount").asLong()).isEqualTo(full - 1000);
        assertThat(held.path("expectedAmount").asLong()).isEqualTo(full);
        assertThat(held.path("reason").asText()).contains(paymentId).contains("is not the");

        deliverAgainThreeTimes("payment_intent.succeeded", paymentId);
        awaitProcessedByTheFlows();
        var contact = partners.contact(member.crmContactId());
        assertThat(contact.path("Membership_End_Date__c").asText()).isEqualTo(member.endDate().toString());
        assertThat(payments(paymentId).path("totalSize").asInt()).isZero();
        var all = json.readTree(bus().get("/api/v1/finance/held-payments", TestUsers.OPERATOR).body());
        assertThat(StreamSupport.stream(all.spliterator(), false).filter(h -> paymentId.equals(h.path("paymentId").asText())))
                .hasSize(1);
        assertThat(partners.campaignsTriggered(member.crmContactId()).toString()).doesNotContain(paymentId);
    }

    @Test
    void aRenewalPaymentThatIsItsQuoteExtendsTheTermAndWritesItsPaymentOnce() throws Exception {
        var member = OURS.get(1);
        var quote = quote("member=" + member.crmContactId() + "&level=" + member.level().name().toLowerCase());
        var intent = pay(member.gatewayCustomerId(), quote.path("amount").asLong(), Map.of("purpose", "membership_renewal",
                "crm_contact_id", member.crmContactId(), "level", member.level().name(),
                "term_start", quote.path("termStart").asText(), "term_end", quote.path("termEnd").asText()));
        var paymentId = intent.path("id").asText();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(partners.contact(member.crmContactId()).path("Membership_End_Date__c").asText())
                    .isEqualTo(quote.path("termEnd").asText());
            var payment = payments(paymentId);
            assertThat(payment.path("totalSize").asInt()).isEqualTo(1);
            assertThat(payment.at("/records/0/Contact__c").asText()).isEqualTo(member.crmContactId());
            assertThat(payment.at("/records/0/Type__c").asText()).isEqualTo("Dues");
            assertThat(payment.at("/records/0/Amount__c").decimalValue()).isEqualByComparingTo(member.dues());
        });

        deliverAgainThreeTimes("payment_intent.succeeded", paymentId);
        awaitProcessedByTheFlows();
        assertThat(partners.contact(member.crmContactId()).path("Membership_End_Date__c").asText())
                .isEqualTo(quote.path("termEnd").asText());
        assertThat(payments(paymentId).path("totalSize").asInt()).isEqualTo(1);
        assertThat(heldPayment(paymentId)).isNull();
    }

    @Test
    void theQuoteIsForViewersAndAboveTheHeldPaymentsForOperatorsAndBadParametersAreNamed() throws Exception {
        assertThat(bus().get("/api/v1/pricing/dues?level=FELLOW", null).statusCode()).isEqualTo(401);
        assertThat(bus().get("/api/v1/finance/held-payments", TestUsers.VIEWER).statusCode()).isEqualTo(403);
        assertThat(bus().get("/api/v1/finance/held-payments", TestUsers.OPERATOR).statusCode()).isEqualTo(200);

        var bad = bus().get("/api/v1/pricing/dues?level=GOLD&date=2026-02-30&member=x", TestUsers.VIEWER);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).path("error").asText())
                .contains("level: 'GOLD' is not one of").contains("date: '2026-02-30' is not an ISO date")
                .contains("member: 'x' is not a CRM contact id");
        var missing = bus().get("/api/v1/pricing/dues", TestUsers.VIEWER);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("level: missing");
        var nobody = bus().get("/api/v1/pricing/dues?level=FELLOW&member=003000000000000AAA", TestUsers.VIEWER);
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(bus().get("/api/v1/finance/held-payments?limit=0", TestUsers.OPERATOR).statusCode()).isEqualTo(400);

        // both are in the API's OpenAPI description, with the quote's parameters
        var description = json.readTree(bus().get("/api/v1/openapi.json", TestUsers.VIEWER).body());
        var quoteParameters = description.at("/paths/~1api~1v1~1pricing~1dues/get/parameters");
        assertThat(StreamSupport.stream(quoteParameters.spliterator(), false).map(p -> p.path("name").asText()))
                .containsExactlyInAnyOrder("level", "member", "date");
        assertThat(description.at("/paths/~1api~1v1~1finance~1held-payments/get/responses/200").isMissingNode()).isFalse();

        // a member's upgrade on a given day: the difference for the months left of their term
        var member = OURS.stream().skip(2).filter(m -> m != upgrader() && m.level().name().equals("PROFESSIONAL"))
                .findFirst().orElseThrow();
        var day = member.endDate().minusMonths(3);
        var upgrade = quote("member=" + member.crmContactId() + "&level=FELLOW&date=" + day);
        assertThat(upgrade.path("kind").asText()).isEqualTo("upgrade");
        assertThat(upgrade.path("termEnd").asText()).isEqualTo(member.endDate().toString());
        assertThat(upgrade.path("rule").asText()).startsWith("upgrade from PROFESSIONAL to FELLOW: 4 of 12 months left");
        assertThat(upgrade.path("amount").asLong()).isEqualTo(3333);
    }

    @Test
    void aPaidUpgradeChangesTheLevelInTheCrmKeepsTheTermAndWritesItsPaymentOnce() throws Exception {
        var member = upgrader();
        var to = member.level().name().equals("PROFESSIONAL") ? "FELLOW" : "PROFESSIONAL";
        var quote = quote("member=" + member.crmContactId() + "&level=" + to);
        assertThat(quote.path("kind").asText()).isEqualTo("upgrade");
        assertThat(quote.path("termEnd").asText()).isEqualTo(member.endDate().toString());
        assertThat(quote.path("amount").asLong()).isPositive();

        var intent = pay(member.gatewayCustomerId(), quote.path("amount").asLong(), Map.of("purpose", "membership_change",
                "crm_contact_id", member.crmContactId(), "level", to));
        var paymentId = intent.path("id").asText();
        await().atMost(PATIENCE).untilAsserted(() -> {
            var contact = partners.contact(member.crmContactId());
            assertThat(contact.path("Membership_Level__c").asText()).isEqualToIgnoringCase(to);
            assertThat(contact.path("Membership_End_Date__c").asText()).isEqualTo(member.endDate().toString());
            var payment = payments(paymentId);
            assertThat(payment.path("totalSize").asInt()).isEqualTo(1);
            assertThat(payment.at("/records/0/Amount__c").decimalValue().movePointRight(2).longValueExact())
                    .isEqualTo(quote.path("amount").asLong());
        });
        assertThat(partners.soql("SELECT Level__c, End_Date__c FROM Membership__c WHERE Id = '" + member.membershipId() + "'")
                .at("/records/0/Level__c").asText()).isEqualToIgnoringCase(to);
        // now at the new level, the same member is quoted a renewal of it
        assertThat(quote("member=" + member.crmContactId() + "&level=" + to).path("kind").asText()).isEqualTo("renewal");

        deliverAgainThreeTimes("payment_intent.succeeded", paymentId);
        awaitProcessedByTheFlows();
        assertThat(payments(paymentId).path("totalSize").asInt()).isEqualTo(1);
        assertThat(heldPayment(paymentId)).isNull();
        assertThat(partners.contact(member.crmContactId()).path("Membership_Level__c").asText()).isEqualToIgnoringCase(to);
    }

    /** The member who upgrades (not a fellow already), apart from the two who renew. */
    static DemoMember upgrader() {
        return OURS.stream().skip(2).filter(m -> !m.level().name().equals("FELLOW")).findFirst().orElseThrow();
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** What staff do: save the file (its modification time moves on, so the bus sees the change). */
    static void change(Path file, String text) throws IOException {
        var before = Files.getLastModifiedTime(file).toMillis();
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Math.max(before + 1000, System.currentTimeMillis())));
    }

    /** The join and renewal flows have committed every gateway event on the topic (so they have taken them up). */
    void awaitProcessedByTheFlows() {
        try (var admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                var topic = "payment.events";
                var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
                var request = new HashMap<TopicPartition, OffsetSpec>();
                partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                var ends = admin.listOffsets(request).all().get();
                for (var group : List.of("memberbus-member-join-payments", "memberbus-member-renewal", "memberbus-dues-changes")) {
                    var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                    ends.forEach((tp, end) -> {
                        var at = committed.get(tp);
                        assertThat(at == null ? 0 : at.offset()).as("%s at %s", group, tp).isEqualTo(end.offset());
                    });
                }
            });
        }
    }

    JsonNode gatewayEvent(String type, String objectId) throws IOException {
        var list = json.readTree(gatewayGet("/v1/events?limit=100&type=" + type));
        for (var event : list.path("data")) {
            if (objectId.equals(event.at("/data/object/id").asText())) {
                return event;
            }
        }
        throw new AssertionError("the gateway has no " + type + " event about " + objectId);
    }

    /** A card payment at the gateway, confirmed at once, with the checkout's metadata. */
    JsonNode pay(String customer, long amount, Map<String, String> metadata) {
        var form = new LinkedHashMap<String, String>();
        form.put("amount", Long.toString(amount));
        form.put("currency", "usd");
        if (customer != null) {
            form.put("customer", customer);
        }
        form.put("payment_method", "pm_card_visa");
        form.put("confirm", "true");
        metadata.forEach((k, v) -> form.put("metadata[" + k + "]", v));
        var body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            return json.readTree(send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/payment_intents"))
                    .header("Authorization", "Bearer sk_test_sandbox")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String gatewayGet(String path) {
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl + path)).header("Authorization", "Bearer sk_test_sandbox").GET());
    }

    private String send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
