package org.memberbus.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Refunds, disputes and ACH returns across the whole bus, driven from outside: a person applies on
 * the community and pays at the gateway as the checkout does; the community asks the bus for a
 * refund; the gateway's bank and card network answer through the sandbox's controls; the test looks
 * at what the gateway, Salesforce and the marketing system end up holding. Every test has its own
 * applicant.
 */
@SandboxTest
class RefundsAndDisputesFlowTest {

    static final Duration FLOW = Duration.ofSeconds(60);
    static final long DUES = 29500; // PROFESSIONAL, config/pricing.yaml

    @LocalServerPort int port;
    @Value("${memberbus.gateway.url}") String gatewayUrl;
    @Value("${memberbus.gateway.api-key}") String gatewayKey;
    @Autowired PartnerProbe partners;
    final ObjectMapper json = new ObjectMapper();

    record Applicant(String applicationId, String accountId, String email) {}

    BusClient bus() {
        return new BusClient(port);
    }

    GatewayClient gateway() {
        return new GatewayClient(gatewayUrl, gatewayKey);
    }

    Applicant apply() {
        var email = "refund-" + UUID.randomUUID() + "@example.org";
        var outcome = partners.communityApplication("""
                {"firstName":"Grace","lastName":"Hopper-%s","email":"%s","level":"PROFESSIONAL","employer":"US Navy",
                 "city":"Arlington","country":"US"}""".formatted(email.substring(7, 15), email));
        return new Applicant(outcome.at("/result/id").asText(), outcome.at("/event/account/id").asText(), email);
    }

    java.util.Map<String, String> joinOf(Applicant a) {
        return GatewayClient.joinMetadata(a.applicationId(), a.accountId(), "PROFESSIONAL", a.email());
    }

    /** Waits until the applicant is an active member in the CRM; answers the contact id. */
    String activeMember(Applicant a) {
        var id = new String[1];
        await().atMost(FLOW).untilAsserted(() -> {
            var contacts = partners.soql("SELECT Id, Membership_Status__c FROM Contact WHERE Email = '" + a.email() + "'");
            assertThat(contacts.path("totalSize").asInt()).isEqualTo(1);
            assertThat(contacts.at("/records/0/Membership_Status__c").asText()).isEqualTo("Active");
            id[0] = contacts.at("/records/0/Id").asText();
        });
        return id[0];
    }

    JsonNode payment(String paymentIntent) {
        return partners.soql("SELECT Id, Contact__c, Amount__c, Status__c, Refunded_Amount__c FROM Payment__c "
                + "WHERE Gateway_Payment_Id__c = '" + paymentIntent + "'").path("records").path(0);
    }

    void assertMembershipEnded(String contactId) {
        var yesterday = LocalDate.now().minusDays(1).toString();
        await().atMost(FLOW).untilAsserted(() -> {
            var contact = partners.contact(contactId);
            assertThat(contact.path("Membership_Status__c").asText()).isEqualTo("Lapsed");
            assertThat(contact.path("Membership_End_Date__c").asText()).isEqualTo(yesterday);
            var memberships = partners.soql("SELECT Status__c, End_Date__c FROM Membership__c WHERE Contact__c = '" + contactId + "'");
            assertThat(memberships.path("totalSize").asInt()).isEqualTo(1);
            assertThat(memberships.at("/records/0/Status__c").asText()).isEqualTo("Lapsed");
            assertThat(memberships.at("/records/0/End_Date__c").asText()).isEqualTo(yesterday);
        });
    }

    JsonNode askRefund(String user, String body) throws Exception {
        var answer = bus().postAs(user, "/api/v1/refunds", body);
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(answer.body());
        node.put("httpStatus", answer.statusCode());
        return node;
    }

    List<JsonNode> gatewayEvents(String type, String field, String value) {
        var events = gateway().get("/v1/events?limit=100&type=" + type).path("data");
        return StreamSupport.stream(events.spliterator(), false)
                .filter(e -> value.equals(e.at("/data/object/" + field).asText())).toList();
    }

    /** Delivers the gateway's own events to the bus again, signed, as Stripe does when it retries. */
    void deliverAgain(List<JsonNode> events, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            for (var event : events) {
                var answer = bus().gatewayWebhook(json.writeValueAsString(event));
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(json.readTree(answer.body()).path("status").asText()).isEqualTo("duplicate");
            }
        }
    }

    long runsFor(String campaign, String email) {
        return StreamSupport.stream(partners.campaignRuns(campaign).spliterator(), false)
                .filter(run -> email.equalsIgnoreCase(run.path("email").asText())).count();
    }

    @Test
    void aPartialThenAFullRefundOfAJoinAreMadeOnceAndTheFullOneEndsTheMembership() throws Exception {
        var a = apply();
        var intent = gateway().payByCard("pm_card_visa", DUES, joinOf(a));
        String pi = intent.path("id").asText();
        String contact = activeMember(a);

        // the community asks for part of it, and (a retry on its side) asks again with the same request id
        String partial = """
                {"crmContactId":"%s","paymentIntent":"%s","reason":"moved abroad","amount":10000,"requestId":"%s"}"""
                .formatted(contact, pi, "req-" + UUID.randomUUID());
        var first = askRefund(BusClient.OPS, partial);
        assertThat(first.path("httpStatus").asInt()).isEqualTo(202);
        assertThat(first.path("decision").asText()).isEqualTo("granted");
        assertThat(first.path("amount").asLong()).isEqualTo(10000);
        assertThat(first.path("rule").asText()).startsWith("full refund within 30 days");
        var again = askRefund(TestUsers.OPERATOR, partial);
        assertThat(again.path("refundKey").asText()).isEqualTo(first.path("refundKey").asText());

        await().atMost(FLOW).untilAsserted(() -> {
            var p = payment(pi);
            assertThat(p.path("Status__c").asText()).isEqualTo("Partially Refunded");
            assertThat(p.path("Refunded_Amount__c").decimalValue()).isEqualByComparingTo("100");
        });
        assertThat(gateway().get("/v1/refunds?payment_intent=" + pi).path("data")).hasSize(1);
        assertThat(partners.contact(contact).path("Membership_Status__c").asText()).isEqualTo("Active");

        // then all the rest: the policy gives what is left
        var full = askRefund(BusClient.OPS, """
                {"crmContactId":"%s","paymentIntent":"%s","reason":"changed my mind"}""".formatted(contact, pi));
        assertThat(full.path("amount").asLong()).isEqualTo(DUES - 10000);
        await().atMost(FLOW).untilAsserted(() -> {
            var p = payment(pi);
            assertThat(p.path("Status__c").asText()).isEqualTo("Refunded");
            assertThat(p.path("Refunded_Amount__c").decimalValue()).isEqualByComparingTo("295");
        });
        assertMembershipEnded(contact);
        var refunds = gateway().get("/v1/refunds?payment_intent=" + pi).path("data");
        assertThat(refunds).extracting(r -> r.path("amount").asLong()).containsExactlyInAnyOrder(10000L, DUES - 10000);

        // the decisions are kept and listed, newest first (the repeated request is recorded too)
        var decisions = json.readTree(bus().get("/api/v1/refunds?member=" + contact, TestUsers.VIEWER).body());
        assertThat(decisions).extracting(d -> d.path("amount").asLong()).containsExactly(DUES - 10000, 10000L, 10000L);
        assertThat(decisions.get(0).path("decision").asText()).isEqualTo("granted");
        assertThat(bus().get("/api/v1/refunds?member=nobody", BusClient.OPS).statusCode()).isEqualTo(400);

        // nothing left: denied, with the rule
        var more = askRefund(BusClient.OPS, """
                {"crmContactId":"%s","paymentIntent":"%s","reason":"again"}""".formatted(contact, pi));
        assertThat(more.path("httpStatus").asInt()).isEqualTo(200);
        assertThat(more.path("decision").asText()).isEqualTo("denied");
        assertThat(more.path("rule").asText()).startsWith("nothing left to refund");

        // the gateway's charge.refunded events delivered two and three more times change nothing
        var refundedEvents = gatewayEvents("charge.refunded", "payment_intent", pi);
        assertThat(refundedEvents).hasSize(2);
        deliverAgain(refundedEvents, 2);
        deliverAgain(refundedEvents, 3);
        assertThat(payment(pi).path("Status__c").asText()).isEqualTo("Refunded");
        assertThat(payment(pi).path("Refunded_Amount__c").decimalValue()).isEqualByComparingTo("295");
        assertThat(gateway().get("/v1/refunds?payment_intent=" + pi).path("data")).hasSize(2);
        assertThat(partners.contact(contact).path("Membership_Status__c").asText()).isEqualTo("Lapsed");
    }

    @Test
    void onlyAnOperatorMayAskAndABadOrForeignRequestIsRefused() throws Exception {
        var a = apply();
        String pi = gateway().payByCard("pm_card_visa", DUES, joinOf(a)).path("id").asText();
        String contact = activeMember(a);
        String body = """
                {"crmContactId":"%s","paymentIntent":"%s","reason":"x","amount":100}""".formatted(contact, pi);

        assertThat(bus().postAs(TestUsers.VIEWER, "/api/v1/refunds", body).statusCode()).isEqualTo(403);
        assertThat(bus().post("/api/v1/refunds", body).statusCode()).isEqualTo(401);

        var missing = askRefund(BusClient.OPS, "{\"crmContactId\":\"" + contact + "\",\"reason\":\"x\"}");
        assertThat(missing.path("httpStatus").asInt()).isEqualTo(400);
        assertThat(missing.path("error").asText()).contains("paymentIntent");
        // another member's payment, and one that does not exist, are not found for this member
        var foreign = askRefund(BusClient.OPS, body.replace(contact, "003000000000000AAA"));
        assertThat(foreign.path("httpStatus").asInt()).isEqualTo(404);
        var unknown = askRefund(BusClient.OPS, body.replace(pi, "pi_doesnotexist"));
        assertThat(unknown.path("httpStatus").asInt()).isEqualTo(404);
        // the gateway failing: nothing decided, ask again later
        gateway().faults("{\"errorRate\":1.0}");
        try {
            var down = bus().postAs(BusClient.OPS, "/api/v1/refunds", body);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).hasValue("30");
        } finally {
            gateway().faults(null);
        }
        assertThat(gateway().get("/v1/refunds?payment_intent=" + pi).path("data")).isEmpty();
    }

    @Test
    void theApiDescriptionNamesTheRefundEndpointAndItsAnswers() throws Exception {
        var description = json.readTree(bus().get("/api/v1/openapi.json", BusClient.OPS).body());
        var post = description.at("/paths/~1api~1v1~1refunds/post");
        assertThat(post.isMissingNode()).isFalse();
        assertThat(post.path("responses").fieldNames()).toIterable().contains("200", "202", "400", "403", "404");
    }

    @Test
    void anAchDebitReturnedAfterTheJoinWasGrantedEndsTheMembershipWithANotice() throws Exception {
        var a = apply();
        var intent = gateway().payByBank("000111111113", DUES, joinOf(a));
        assertThat(intent.path("status").asText()).isEqualTo("processing");
        String pi = intent.path("id").asText();
        // granted while the bank has not answered yet
        String contact = activeMember(a);
        await().atMost(FLOW).until(() -> partners.soql("SELECT Id FROM Payment__c WHERE Gateway_Payment_Id__c = '"
                + pi + "'").path("totalSize").asInt() == 1);
        // the bank has not answered: the CRM's transaction says so
        assertThat(payment(pi).path("Status__c").asText()).isEqualTo("Pending");

        var returned = gateway().settleAch(pi);
        assertThat(returned.at("/last_payment_error/code").asText()).isEqualTo("account_closed");

        assertMembershipEnded(contact);
        await().atMost(FLOW).untilAsserted(() -> {
            assertThat(payment(pi).path("Status__c").asText()).isEqualTo("Failed");
            assertThat(runsFor("payment-failed", a.email())).isEqualTo(1);
        });

        var failedEvents = gatewayEvents("payment_intent.payment_failed", "id", pi);
        assertThat(failedEvents).hasSize(1);
        deliverAgain(failedEvents, 2);
        deliverAgain(failedEvents, 3);
        assertThat(runsFor("payment-failed", a.email())).isEqualTo(1);
        assertThat(partners.contact(contact).path("Membership_Status__c").asText()).isEqualTo("Lapsed");
    }

    @Test
    void anAchJoinIsPendingUntilTheBankSettlesItThenSucceededAndReceipted() throws Exception {
        var a = apply();
        String pi = gateway().payByBank("000123456789", DUES, joinOf(a)).path("id").asText();
        String contact = activeMember(a);
        await().atMost(FLOW).untilAsserted(() -> assertThat(payment(pi).path("Status__c").asText()).isEqualTo("Pending"));
        assertThat(receiptRuns(pi)).isEmpty();

        assertThat(gateway().settleAch(pi).path("status").asText()).isEqualTo("succeeded");
        await().atMost(FLOW).untilAsserted(() -> assertThat(payment(pi).path("Status__c").asText()).isEqualTo("Succeeded"));
        assertThat(partners.contact(contact).path("Membership_Status__c").asText()).isEqualTo("Active");
        // the receipt goes out once the money is in, once
        await().atMost(FLOW).untilAsserted(() -> assertThat(receiptRuns(pi)).hasSize(1));
        var succeeded = gatewayEvents("payment_intent.succeeded", "id", pi);
        deliverAgain(succeeded, 2);
        deliverAgain(succeeded, 3);
        assertThat(payment(pi).path("Status__c").asText()).isEqualTo("Succeeded");
        assertThat(receiptRuns(pi)).hasSize(1);
    }

    List<JsonNode> receiptRuns(String paymentKey) {
        return StreamSupport.stream(partners.campaignRuns("payment-receipt").spliterator(), false)
                .filter(run -> ("receipt:" + paymentKey).equals(run.path("requestId").asText())).toList();
    }

    @Test
    void aLostDisputeIsHeldThenUndoesTheJoin() throws Exception {
        var a = apply();
        String pi = gateway().payByCard("pm_card_createDispute", DUES, joinOf(a)).path("id").asText();
        String contact = activeMember(a);
        await().atMost(FLOW).untilAsserted(() -> assertThat(payment(pi).path("Status__c").asText()).isEqualTo("Disputed"));
        assertThat(partners.contact(contact).path("Membership_Status__c").asText()).isEqualTo("Active");

        // a refund while the bank disputes the payment is not for the policy to give
        var refund = askRefund(BusClient.OPS, """
                {"crmContactId":"%s","paymentIntent":"%s","reason":"x"}""".formatted(contact, pi));
        assertThat(refund.path("decision").asText()).isEqualTo("denied");
        assertThat(refund.path("rule").asText()).contains("disputed");

        var dispute = gateway().get("/v1/disputes?payment_intent=" + pi).path("data").get(0);
        assertThat(gateway().closeDispute(dispute.path("id").asText(), "lost").path("status").asText()).isEqualTo("lost");
        await().atMost(FLOW).untilAsserted(() -> assertThat(payment(pi).path("Status__c").asText()).isEqualTo("Dispute Lost"));
        assertMembershipEnded(contact);

        var disputeEvents = gatewayEvents("charge.dispute.*", "payment_intent", pi);
        assertThat(disputeEvents).extracting(e -> e.path("type").asText())
                .contains("charge.dispute.created", "charge.dispute.closed");
        deliverAgain(disputeEvents, 2);
        deliverAgain(disputeEvents, 3);
        assertThat(payment(pi).path("Status__c").asText()).isEqualTo("Dispute Lost");
        assertThat(partners.contact(contact).path("Membership_Status__c").asText()).isEqualTo("Lapsed");
    }
}
