package org.memberbus.sandbox.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memberbus.sandbox.SimulatorHost;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The gateway simulator's finance surface against Stripe's documented behaviour: ACH Direct Debit
 * (processing, then settled or returned), disputes, refunds under an idempotency key, expand[].
 */
class GatewayFinanceTest {

    static SimulatorHost host;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "sandbox.gateway.ach-settlement-delay", "1s", "sandbox.gateway.seed", "false")));
        host = SimulatorHost.start(GatewaySimulator.NAME, 0, env, GatewaySimulator.class);
        base = "http://127.0.0.1:" + host.port();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    static Answer call(String method, String path, String form, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer sk_test_sandbox")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (headers.length > 0) {
            request.headers(headers);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), json.readTree(response.body()), response);
    }

    record Answer(int status, JsonNode body, HttpResponse<String> response) {}

    static JsonNode ok(Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body();
    }

    static String bankAccount(String accountNumber) throws Exception {
        return ok(call("POST", "/v1/payment_methods", "type=us_bank_account&us_bank_account[routing_number]=110000000"
                + "&us_bank_account[account_number]=" + accountNumber + "&us_bank_account[account_holder_type]=individual"
                + "&billing_details[name]=Ada+Lovelace")).path("id").asText();
    }

    static JsonNode achPayment(String paymentMethod) throws Exception {
        return ok(call("POST", "/v1/payment_intents", "amount=29500&currency=usd&payment_method_types[]=us_bank_account"
                + "&payment_method=" + paymentMethod + "&confirm=true&metadata[purpose]=membership_join"
                + "&mandate_data[customer_acceptance][type]=offline"));
    }

    static List<String> eventTypesOf(String objectId) throws Exception {
        var types = new ArrayList<String>();
        for (JsonNode event : ok(call("GET", "/v1/events?limit=100", null)).path("data")) {
            if (objectId.equals(event.at("/data/object/id").asText())) {
                types.add(0, event.path("type").asText());
            }
        }
        return types;
    }

    @Test
    void anAchDebitIsProcessingThenSucceeds() throws Exception {
        var method = ok(call("GET", "/v1/payment_methods/" + bankAccount("000123456789"), null));
        assertThat(method.path("type").asText()).isEqualTo("us_bank_account");
        assertThat(method.at("/us_bank_account/last4").asText()).isEqualTo("6789");
        assertThat(method.at("/us_bank_account/routing_number").asText()).isEqualTo("110000000");
        assertThat(method.has("card")).isFalse();

        var intent = achPayment(method.path("id").asText());
        assertThat(intent.path("status").asText()).isEqualTo("processing");
        var charge = ok(call("GET", "/v1/charges/" + intent.path("latest_charge").asText(), null));
        assertThat(charge.path("status").asText()).isEqualTo("pending");
        assertThat(charge.at("/payment_method_details/type").asText()).isEqualTo("us_bank_account");
        String id = intent.path("id").asText();
        assertThat(eventTypesOf(id)).containsExactly("payment_intent.created", "payment_intent.processing");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ok(call("GET", "/v1/payment_intents/" + id, null)).path("status").asText()).isEqualTo("succeeded"));
        assertThat(eventTypesOf(id)).containsExactly("payment_intent.created", "payment_intent.processing",
                "payment_intent.succeeded");
        var settled = ok(call("GET", "/v1/charges/" + intent.path("latest_charge").asText(), null));
        assertThat(settled.path("status").asText()).isEqualTo("succeeded");
        assertThat(settled.path("paid").asBoolean()).isTrue();
        assertThat(ok(call("GET", "/v1/balance_transactions/" + settled.path("balance_transaction").asText(), null))
                .path("fee").asLong()).isEqualTo(236); // 0.8 %, capped at $5
    }

    @Test
    void anAchDebitFromAClosedAccountFailsAfterProcessing() throws Exception {
        var intent = achPayment(bankAccount("000111111113"));
        String id = intent.path("id").asText();
        assertThat(intent.path("status").asText()).isEqualTo("processing");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                ok(call("GET", "/v1/payment_intents/" + id, null)).path("status").asText()).isEqualTo("requires_payment_method"));
        var failed = ok(call("GET", "/v1/payment_intents/" + id, null));
        assertThat(failed.at("/last_payment_error/code").asText()).isEqualTo("account_closed");
        assertThat(eventTypesOf(id)).containsExactly("payment_intent.created", "payment_intent.processing",
                "payment_intent.payment_failed");
        var charge = ok(call("GET", "/v1/charges/" + failed.path("latest_charge").asText(), null));
        assertThat(charge.path("status").asText()).isEqualTo("failed");
        assertThat(charge.path("failure_code").asText()).isEqualTo("account_closed");
    }

    @Test
    void anAchDebitNeedsAMandateATestAccountAndTheAccountHoldersName() throws Exception {
        var noMandate = call("POST", "/v1/payment_intents", "amount=29500&currency=usd&payment_method_types[]=us_bank_account"
                + "&payment_method=" + bankAccount("000123456789") + "&confirm=true");
        assertThat(noMandate.status()).isEqualTo(400);
        assertThat(noMandate.body().at("/error/param").asText()).isEqualTo("mandate_data");

        var cardOnly = call("POST", "/v1/payment_intents", "amount=29500&currency=usd&payment_method="
                + bankAccount("000123456789") + "&confirm=true&mandate_data[customer_acceptance][type]=offline");
        assertThat(cardOnly.status()).isEqualTo(400);
        assertThat(cardOnly.body().at("/error/code").asText()).isEqualTo("payment_intent_incompatible_payment_method");

        var live = call("POST", "/v1/payment_methods", "type=us_bank_account&us_bank_account[routing_number]=110000000"
                + "&us_bank_account[account_number]=987654321&billing_details[name]=Ada");
        assertThat(live.status()).isEqualTo(400);
        var nameless = call("POST", "/v1/payment_methods", "type=us_bank_account&us_bank_account[routing_number]=110000000"
                + "&us_bank_account[account_number]=000123456789");
        assertThat(nameless.body().at("/error/param").asText()).isEqualTo("billing_details[name]");
    }

    static JsonNode disputedPayment() throws Exception {
        var intent = ok(call("POST", "/v1/payment_intents",
                "amount=15000&currency=usd&payment_method=pm_card_createDispute&confirm=true"));
        assertThat(intent.path("status").asText()).isEqualTo("succeeded");
        var disputes = ok(call("GET", "/v1/disputes?payment_intent=" + intent.path("id").asText(), null)).path("data");
        assertThat(disputes).hasSize(1);
        return disputes.get(0);
    }

    @Test
    void theDisputeCardIsDisputedAndTheNetworkDecidesItLost() throws Exception {
        var dispute = disputedPayment();
        assertThat(dispute.path("status").asText()).isEqualTo("needs_response");
        assertThat(dispute.path("reason").asText()).isEqualTo("fraudulent");
        assertThat(dispute.path("amount").asLong()).isEqualTo(15000);
        String charge = dispute.path("charge").asText();
        assertThat(ok(call("GET", "/v1/charges/" + charge, null)).path("disputed").asBoolean()).isTrue();
        assertThat(eventTypesOf(dispute.path("id").asText()))
                .containsExactly("charge.dispute.created", "charge.dispute.funds_withdrawn");
        // a disputed charge cannot be refunded as well
        var refund = call("POST", "/v1/refunds", "charge=" + charge);
        assertThat(refund.body().at("/error/code").asText()).isEqualTo("charge_disputed");

        var closed = http.send(HttpRequest.newBuilder(URI.create(base + "/__sandbox/disputes/" + dispute.path("id").asText() + "/close"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"lost\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(closed.body()).path("status").asText()).isEqualTo("lost");
        assertThat(eventTypesOf(dispute.path("id").asText()))
                .containsExactly("charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.closed");
        assertThat(call("POST", "/v1/disputes/" + dispute.path("id").asText() + "/close", "").status()).isEqualTo(400);
    }

    @Test
    void winningEvidenceWinsTheDispute() throws Exception {
        var dispute = disputedPayment();
        var won = ok(call("POST", "/v1/disputes/" + dispute.path("id").asText(),
                "evidence[uncategorized_text]=winning_evidence"));
        assertThat(won.path("status").asText()).isEqualTo("won");
        assertThat(won.path("balance_transactions")).hasSize(2);
        assertThat(eventTypesOf(dispute.path("id").asText())).containsExactly("charge.dispute.created",
                "charge.dispute.funds_withdrawn", "charge.dispute.updated", "charge.dispute.funds_reinstated",
                "charge.dispute.closed");
    }

    @Test
    void aRefundSentTwiceUnderOneKeyIsMadeOnceAndChargeRefundedIsCumulative() throws Exception {
        var intent = ok(call("POST", "/v1/payment_intents", "amount=29500&currency=usd&payment_method=pm_card_visa&confirm=true"));
        String pi = intent.path("id").asText();
        String key = "refund-" + UUID.randomUUID();
        var first = call("POST", "/v1/refunds", "payment_intent=" + pi + "&amount=10000", "Idempotency-Key", key);
        var again = call("POST", "/v1/refunds", "payment_intent=" + pi + "&amount=10000", "Idempotency-Key", key);
        assertThat(again.body().path("id").asText()).isEqualTo(ok(first).path("id").asText());
        assertThat(again.response().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        ok(call("POST", "/v1/refunds", "payment_intent=" + pi, "Idempotency-Key", key + "-rest"));

        assertThat(ok(call("GET", "/v1/refunds?payment_intent=" + pi, null)).path("data")).hasSize(2);
        var refundedEvents = new ArrayList<Long>();
        for (JsonNode event : ok(call("GET", "/v1/events?type=charge.refunded&limit=100", null)).path("data")) {
            if (pi.equals(event.at("/data/object/payment_intent").asText())) {
                refundedEvents.add(0, event.at("/data/object/amount_refunded").asLong());
            }
        }
        assertThat(refundedEvents).containsExactly(10000L, 29500L);
    }

    @Test
    void expandReplacesIdsWithObjectsOnRetrieveAndList() throws Exception {
        var customer = ok(call("POST", "/v1/customers", "email=grace@example.org"));
        var intent = ok(call("POST", "/v1/payment_intents", "amount=5000&currency=usd&payment_method=pm_card_visa&confirm=true"
                + "&customer=" + customer.path("id").asText()));
        assertThat(intent.path("latest_charge").isTextual()).isTrue();

        var expanded = ok(call("GET", "/v1/payment_intents/" + intent.path("id").asText()
                + "?expand[]=latest_charge.balance_transaction&expand[]=customer", null));
        assertThat(expanded.at("/latest_charge/object").asText()).isEqualTo("charge");
        assertThat(expanded.at("/latest_charge/balance_transaction/object").asText()).isEqualTo("balance_transaction");
        assertThat(expanded.at("/customer/email").asText()).isEqualTo("grace@example.org");

        var charges = ok(call("GET", "/v1/charges?payment_intent=" + intent.path("id").asText()
                + "&expand[0]=data.payment_intent&expand[1]=data.customer", null));
        assertThat(charges.at("/data/0/payment_intent/id").asText()).isEqualTo(intent.path("id").asText());
        assertThat(charges.at("/data/0/customer/object").asText()).isEqualTo("customer");

        var wrong = call("GET", "/v1/payment_intents/" + intent.path("id").asText() + "?expand[]=amount", null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().at("/error/message").asText()).isEqualTo("This property cannot be expanded (amount).");
        assertThat(call("GET", "/v1/charges?expand[]=payment_intent", null).status()).isEqualTo(400);
    }
}
