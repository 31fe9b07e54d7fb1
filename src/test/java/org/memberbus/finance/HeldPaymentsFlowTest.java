package org.memberbus.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
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
 * Held payments resolved by staff, driven from outside: a renewal paid at the gateway for an amount
 * that is not the quote is held; an operator releases it (the membership renews as if it had
 * matched) or refunds it (the gateway gives the money back, nothing is applied).
 */
@SandboxTest
class HeldPaymentsFlowTest {

    static final Duration FLOW = Duration.ofSeconds(60);

    @LocalServerPort int port;
    @Value("${memberbus.gateway.url}") String gatewayUrl;
    @Value("${memberbus.gateway.api-key}") String gatewayKey;
    @Autowired PartnerProbe partners;
    final ObjectMapper json = new ObjectMapper();

    BusClient bus() {
        return new BusClient(port);
    }

    GatewayClient gateway() {
        return new GatewayClient(gatewayUrl, gatewayKey);
    }

    JsonNode held(String paymentId) throws Exception {
        var all = json.readTree(bus().get("/api/v1/finance/held-payments", TestUsers.OPERATOR).body());
        return StreamSupport.stream(all.spliterator(), false).filter(h -> paymentId.equals(h.path("paymentId").asText()))
                .findFirst().orElse(null);
    }

    /** A renewal paid at the gateway for 1.00, not the quote: held for staff. */
    String heldRenewal(ActiveMember member) {
        String pi = gateway().payByCard("pm_card_visa", 100, Map.of("purpose", "membership_renewal",
                "crm_contact_id", member.id(), "level", member.level().toLowerCase(Locale.ROOT))).path("id").asText();
        await().atMost(FLOW).untilAsserted(() -> assertThat(held(pi)).isNotNull());
        return pi;
    }

    JsonNode resolve(String user, String paymentId, String action) throws Exception {
        var answer = bus().postAs(user, "/api/v1/finance/held-payments/" + paymentId + "/" + action, "");
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(answer.body());
        node.put("httpStatus", answer.statusCode());
        return node;
    }

    @Test
    void anOperatorReleasesAHeldRenewalAndItRenewsOnce() throws Exception {
        var member = ActiveMember.find(partners, "M00143");
        String pi = heldRenewal(member);
        assertThat(partners.contact(member.id()).path("Membership_End_Date__c").asText()).isEqualTo(member.end().toString());

        assertThat(bus().postAs(TestUsers.VIEWER, "/api/v1/finance/held-payments/" + pi + "/release", "").statusCode())
                .isEqualTo(403);
        var released = resolve(TestUsers.OPERATOR, pi, "release");
        assertThat(released.path("httpStatus").asInt()).isEqualTo(200);
        assertThat(released.path("resolution").asText()).isEqualTo("released");
        assertThat(released.path("resolvedBy").asText()).isEqualTo("operator");
        await().atMost(FLOW).untilAsserted(() -> {
            assertThat(partners.contact(member.id()).path("Membership_End_Date__c").asText())
                    .isEqualTo(member.end().plusYears(1).toString());
            var payment = partners.soql("SELECT Amount__c, Status__c FROM Payment__c WHERE Gateway_Payment_Id__c = '" + pi + "'");
            assertThat(payment.path("totalSize").asInt()).isEqualTo(1);
            assertThat(payment.at("/records/0/Amount__c").decimalValue()).isEqualByComparingTo("1");
        });
        // released twice: the same answer, one renewal; refunding it now is refused
        assertThat(resolve(BusClient.OPS, pi, "release").path("resolution").asText()).isEqualTo("released");
        assertThat(resolve(BusClient.OPS, pi, "refund").path("httpStatus").asInt()).isEqualTo(409);
        assertThat(partners.contact(member.id()).path("Membership_End_Date__c").asText())
                .isEqualTo(member.end().plusYears(1).toString());
        assertThat(resolve(BusClient.OPS, "pi_nosuchheld", "release").path("httpStatus").asInt()).isEqualTo(404);
    }

    @Test
    void anOperatorRefundsAHeldPaymentInFullOnceAndNothingIsApplied() throws Exception {
        var member = ActiveMember.find(partners, "M00144");
        String pi = heldRenewal(member);
        assertThat(bus().postAs(TestUsers.VIEWER, "/api/v1/finance/held-payments/" + pi + "/refund", "").statusCode())
                .isEqualTo(403);
        var refunded = resolve(TestUsers.OPERATOR, pi, "refund");
        assertThat(refunded.path("httpStatus").asInt()).isEqualTo(202);
        assertThat(refunded.path("resolution").asText()).isEqualTo("refunded");
        assertThat(refunded.path("refundKey").asText()).isEqualTo("held-refund:" + pi);
        assertThat(resolve(TestUsers.OPERATOR, pi, "refund").path("httpStatus").asInt()).isEqualTo(202);

        await().atMost(FLOW).untilAsserted(() -> assertThat(gateway().get("/v1/refunds?payment_intent=" + pi).path("data"))
                .singleElement().satisfies(r -> assertThat(r.path("amount").asLong()).isEqualTo(100)));
        assertThat(resolve(TestUsers.OPERATOR, pi, "release").path("httpStatus").asInt()).isEqualTo(409);
        assertThat(partners.contact(member.id()).path("Membership_End_Date__c").asText()).isEqualTo(member.end().toString());
        // the CRM's transaction says the money went back (the refund flow records it), nothing more
        await().atMost(FLOW).untilAsserted(() -> assertThat(partners.soql("SELECT Status__c FROM Payment__c"
                + " WHERE Gateway_Payment_Id__c = '" + pi + "'").at("/records/0/Status__c").asText()).isEqualTo("Refunded"));
        assertThat(partners.contact(member.id()).path("Membership_End_Date__c").asText()).isEqualTo(member.end().toString());
    }
}
