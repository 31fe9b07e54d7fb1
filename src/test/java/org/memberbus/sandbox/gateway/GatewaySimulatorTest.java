package org.memberbus.sandbox.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.WebhookEndpointCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memberbus.sandbox.SimulatorHost;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The gateway simulator against stripe-java, the client the bus's partners would use. */
class GatewaySimulatorTest {

    static final String SECRET = "whsec_gateway_sandbox";

    static SimulatorHost host;
    static StripeClient stripe;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "sandbox.gateway.webhook-retry-initial", "100ms",
                "sandbox.gateway.webhook-max-attempts", "4")));
        host = SimulatorHost.start(GatewaySimulator.NAME, 0, env, GatewaySimulator.class);
        base = "http://127.0.0.1:" + host.port();
        stripe = StripeClient.builder().setApiKey("sk_test_sandbox").setApiBase(base).setMaxNetworkRetries(0).build();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static com.stripe.model.Customer customer(String name) throws StripeException {
        return stripe.v1().customers().create(CustomerCreateParams.builder()
                .setEmail(name.toLowerCase() + "@example.org").setName(name)
                .putMetadata("crm_contact_id", "003TEST" + name).build());
    }

    private static PaymentIntentCreateParams payment(String customerId, long amount, String card) {
        return PaymentIntentCreateParams.builder().setAmount(amount).setCurrency("usd").setCustomer(customerId)
                .setPaymentMethod(card).setConfirm(true).setDescription("Membership dues")
                .putMetadata("type", "dues").build();
    }

    @Test
    void seedsOneCustomerAndOneDuesPaymentPerDemoMember() throws StripeException {
        var member = DemoAssociation.generate(LocalDate.now()).members().get(41);

        var customer = stripe.v1().customers().retrieve(member.gatewayCustomerId());
        assertThat(customer.getEmail()).isEqualTo(member.email());
        assertThat(customer.getMetadata()).containsEntry("crm_contact_id", member.crmContactId())
                .containsEntry("member_number", member.memberNumber());

        var dues = stripe.v1().paymentIntents().retrieve("pi_SBXdues" + member.memberNumber());
        assertThat(dues.getStatus()).isEqualTo("succeeded");
        assertThat(dues.getCustomer()).isEqualTo(member.gatewayCustomerId());
        assertThat(dues.getAmount()).isEqualTo(member.dues().movePointRight(2).longValueExact());
        assertThat(dues.getMetadata()).containsEntry("type", "dues").containsEntry("crm_contact_id", member.crmContactId());
    }

    @Test
    void seedsYearlyDuesSubscriptionsForEveryThirdActiveMember() throws StripeException {
        var members = DemoAssociation.generate(LocalDate.now()).members();
        var subscriber = members.stream().filter(GatewaySeed::hasDuesSubscription).filter(m -> m.number() % 30 != 0)
                .findFirst().orElseThrow();
        var failing = members.stream().filter(GatewaySeed::hasDuesSubscription).filter(m -> m.number() % 30 == 0)
                .findFirst().orElseThrow();

        var subscription = stripe.v1().subscriptions().retrieve("sub_SBXdues" + subscriber.memberNumber());
        assertThat(subscription.getStatus()).isEqualTo("active");
        assertThat(subscription.getCustomer()).isEqualTo(subscriber.gatewayCustomerId());
        assertThat(subscription.getItems().getData().get(0).getCurrentPeriodEnd())
                .isEqualTo(subscriber.endDate().atTime(12, 0).toEpochSecond(java.time.ZoneOffset.UTC));
        assertThat(stripe.v1().invoices().retrieve(subscription.getLatestInvoice()).getStatus()).isEqualTo("paid");
        assertThat(stripe.v1().customers().retrieve(failing.gatewayCustomerId()).getInvoiceSettings()
                .getDefaultPaymentMethod()).isEqualTo(GatewaySeed.DECLINING_CARD);
    }

    @Test
    void customersAndPaymentsAreFoundBySearchingTheirMetadata() throws StripeException {
        var member = DemoAssociation.generate(LocalDate.now()).members().get(7);

        var customers = stripe.v1().customers().search(com.stripe.param.CustomerSearchParams.builder()
                .setQuery("metadata['crm_contact_id']:'" + member.crmContactId() + "'").build());
        assertThat(customers.getData()).extracting(com.stripe.model.Customer::getId).containsExactly(member.gatewayCustomerId());

        var payments = stripe.v1().paymentIntents().search(com.stripe.param.PaymentIntentSearchParams.builder()
                .setQuery("metadata['member_number']:'" + member.memberNumber() + "' AND status:'succeeded'").build());
        assertThat(payments.getData()).extracting(PaymentIntent::getId).contains("pi_SBXdues" + member.memberNumber());

        assertThatThrownBy(() -> stripe.v1().customers().search(com.stripe.param.CustomerSearchParams.builder()
                .setQuery("shoe_size:'42'").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getCode()).isEqualTo("search_query_invalid"));
    }

    @Test
    void aVisaPaymentSucceedsWithACharge() throws StripeException {
        var customer = customer("Ada");
        var intent = stripe.v1().paymentIntents().create(payment(customer.getId(), 29500, "pm_card_visa"));

        assertThat(intent.getStatus()).isEqualTo("succeeded");
        assertThat(intent.getAmountReceived()).isEqualTo(29500);
        var charge = stripe.v1().charges().retrieve(intent.getLatestCharge());
        assertThat(charge.getPaid()).isTrue();
        assertThat(charge.getPaymentIntent()).isEqualTo(intent.getId());
        assertThat(charge.getMetadata()).containsEntry("type", "dues");
        var fees = stripe.v1().balanceTransactions().retrieve(charge.getBalanceTransaction());
        assertThat(fees.getFee()).isEqualTo(Math.round(29500 * 0.029) + 30);
        var events = stripe.v1().events().list(EventListParams.builder().setType("payment_intent.*").setLimit(20L).build());
        assertThat(events.getData()).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo("payment_intent.succeeded");
            assertThat(((PaymentIntent) e.getDataObjectDeserializer().getObject().orElseThrow()).getId()).isEqualTo(intent.getId());
        });
    }

    @Test
    void aDeclinedCardIsA402CardErrorAndTheIntentWantsAnotherPaymentMethod() throws StripeException {
        var customer = customer("Grace");

        assertThatThrownBy(() -> stripe.v1().paymentIntents().create(payment(customer.getId(), 5000, "pm_card_chargeDeclined")))
                .isInstanceOfSatisfying(CardException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(402);
                    assertThat(e.getCode()).isEqualTo("card_declined");
                    assertThat(e.getDeclineCode()).isEqualTo("generic_decline");
                    assertThat(e.getStripeError().getPaymentIntent().getStatus()).isEqualTo("requires_payment_method");
                });
        assertThatThrownBy(() -> stripe.v1().paymentIntents().create(payment(customer.getId(), 5000,
                "pm_card_chargeDeclinedInsufficientFunds")))
                .isInstanceOfSatisfying(CardException.class, e -> assertThat(e.getDeclineCode()).isEqualTo("insufficient_funds"));

        var failed = stripe.v1().paymentIntents().list(com.stripe.param.PaymentIntentListParams.builder()
                .setCustomer(customer.getId()).build()).getData();
        assertThat(failed).hasSize(2).allSatisfy(pi -> {
            assertThat(pi.getStatus()).isEqualTo("requires_payment_method");
            assertThat(pi.getLastPaymentError().getCode()).isEqualTo("card_declined");
        });
        var events = stripe.v1().events().list(EventListParams.builder().setType("payment_intent.payment_failed").build());
        assertThat(events.getData()).extracting(e -> ((PaymentIntent) e.getDataObjectDeserializer().getObject().orElseThrow()).getId())
                .contains(failed.get(0).getId(), failed.get(1).getId());
    }

    @Test
    void anAuthenticationCardNeedsActionThenAConfirmSucceeds() throws StripeException {
        var customer = customer("Alan");
        var intent = stripe.v1().paymentIntents().create(payment(customer.getId(), 15000, "pm_card_authenticationRequired"));

        assertThat(intent.getStatus()).isEqualTo("requires_action");
        assertThat(intent.getNextAction().getType()).isEqualTo("redirect_to_url");

        var confirmed = stripe.v1().paymentIntents().confirm(intent.getId());
        assertThat(confirmed.getStatus()).isEqualTo("succeeded");
    }

    @Test
    void visitingThe3dSecurePagePassesTheChallenge() throws Exception {
        var intent = stripe.v1().paymentIntents().create(payment(customer("Hedy").getId(), 9500,
                "pm_card_authenticationRequiredOnSetup"));
        var page = http.send(HttpRequest.newBuilder(URI.create(intent.getNextAction().getRedirectToUrl().getUrl())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(stripe.v1().paymentIntents().retrieve(intent.getId()).getStatus()).isEqualTo("succeeded");
    }

    @Test
    void refundsArePartialThenFullThenRefused() throws StripeException {
        var customer = customer("Edsger");
        var intent = stripe.v1().paymentIntents().create(payment(customer.getId(), 10000, "pm_card_visa"));

        var partial = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intent.getId())
                .setAmount(2500L).setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER).build());
        assertThat(partial.getStatus()).isEqualTo("succeeded");
        assertThat(stripe.v1().charges().retrieve(intent.getLatestCharge()).getAmountRefunded()).isEqualTo(2500);

        var rest = stripe.v1().refunds().create(RefundCreateParams.builder().setCharge(intent.getLatestCharge()).build());
        assertThat(rest.getAmount()).isEqualTo(7500);
        assertThat(stripe.v1().charges().retrieve(intent.getLatestCharge()).getRefunded()).isTrue();

        assertThatThrownBy(() -> stripe.v1().refunds().create(RefundCreateParams.builder()
                .setPaymentIntent(intent.getId()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("charge_already_refunded"));
    }

    private static HttpResponse<String> post(String path, String form, String... headers) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesOtherParameters() throws Exception {
        String form = "amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true&metadata[type]=donation";
        var first = post("/v1/payment_intents", form, "Authorization", "Bearer sk_test_sandbox", "Idempotency-Key", "key-1");
        var again = post("/v1/payment_intents", form, "Authorization", "Bearer sk_test_sandbox", "Idempotency-Key", "key-1");
        var other = post("/v1/payment_intents", form.replace("2000", "3000"),
                "Authorization", "Bearer sk_test_sandbox", "Idempotency-Key", "key-1");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json.readTree(first.body()).at("/metadata/type").asText()).isEqualTo("donation");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(json.readTree(other.body()).at("/error/type").asText()).isEqualTo("idempotency_error");

        // a declined card is a result too: replayed with the same 402
        String declined = "amount=2000&currency=usd&payment_method=pm_card_chargeDeclined&confirm=true";
        var decline = post("/v1/payment_intents", declined, "Authorization", "Bearer sk_test_sandbox", "Idempotency-Key", "key-2");
        var replay = post("/v1/payment_intents", declined, "Authorization", "Bearer sk_test_sandbox", "Idempotency-Key", "key-2");
        assertThat(decline.statusCode()).isEqualTo(402);
        assertThat(replay.statusCode()).isEqualTo(402);
        assertThat(replay.body()).isEqualTo(decline.body());
    }

    @Test
    void theApiNeedsTheSecretKeyAsBearerOrBasic() throws Exception {
        var none = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/customers?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        var wrong = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/customers?limit=1"))
                .header("Authorization", "Bearer sk_test_wrong").build(), HttpResponse.BodyHandlers.ofString());
        var basic = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/customers?limit=3"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("sk_test_sandbox:".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json.readTree(none.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json.readTree(wrong.body()).at("/error/message").asText()).startsWith("Invalid API Key provided");
        assertThat(basic.statusCode()).isEqualTo(200);
        JsonNode list = json.readTree(basic.body());
        assertThat(list.get("object").asText()).isEqualTo("list");
        assertThat(list.get("data")).hasSize(3);
        assertThat(list.get("has_more").asBoolean()).isTrue();
    }

    @Test
    void unknownParametersAndMissingObjectsAreStripeErrors() throws Exception {
        var unknown = post("/v1/customers", "emial=x@example.org", "Authorization", "Bearer sk_test_sandbox");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknown.body()).at("/error/code").asText()).isEqualTo("parameter_unknown");
        var nowhere = post("/v1/nowhere", "", "Authorization", "Bearer sk_test_sandbox");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(json.readTree(nowhere.body()).at("/error/message").asText()).startsWith("Unrecognized request URL (POST: /v1/nowhere)");
        assertThatThrownBy(() -> stripe.v1().customers().retrieve("cus_missing"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                });
    }

    @Test
    void eventsAreDeliveredSignedAsStripeSignsThem() throws Exception {
        try (var receiver = new WebhookReceiver(() -> 200)) {
            var endpoint = stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder()
                    .setUrl(receiver.url())
                    .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CHARGE__REFUNDED).build());
            assertThat(endpoint.getSecret()).isEqualTo(SECRET);
            assertThat(stripe.v1().webhookEndpoints().retrieve(endpoint.getId()).getSecret()).isNull();
            try {
                var intent = stripe.v1().paymentIntents().create(payment(customer("Barbara").getId(), 4000, "pm_card_visa"));
                stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intent.getId()).build());

                await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.received().isEmpty());
                var delivery = receiver.received().get(0);
                Event event = Webhook.constructEvent(delivery.payload(), delivery.signature(), SECRET);
                assertThat(event.getType()).isEqualTo("charge.refunded");
                var charge = (com.stripe.model.Charge) event.getDataObjectDeserializer().getObject().orElseThrow();
                assertThat(charge.getPaymentIntent()).isEqualTo(intent.getId());
                assertThat(charge.getRefunded()).isTrue();
                assertThat(event.getRequest().getId()).startsWith("req_");
                assertThatThrownBy(() -> Webhook.constructEvent(delivery.payload(), delivery.signature(), "whsec_other"))
                        .isInstanceOf(com.stripe.exception.SignatureVerificationException.class);
            } finally {
                stripe.v1().webhookEndpoints().delete(endpoint.getId());
            }
        }
    }

    @Test
    void aReceiverThatFailsIsRetriedWithBackOff() throws Exception {
        var calls = new AtomicInteger();
        try (var receiver = new WebhookReceiver(() -> calls.incrementAndGet() == 1 ? 500 : 200)) {
            var endpoint = stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder()
                    .setUrl(receiver.url())
                    .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CUSTOMER__CREATED).build());
            try {
                var customer = customer("Donald");

                await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 2);
                assertThat(receiver.received()).allSatisfy(d -> assertThat(
                        Webhook.constructEvent(d.payload(), d.signature(), SECRET).getType()).isEqualTo("customer.created"));
                var deliveries = json.readTree(http.send(HttpRequest.newBuilder(
                        URI.create(base + "/__sandbox/deliveries?endpoint=" + endpoint.getId())).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(deliveries).hasSize(2);
                assertThat(deliveries.get(0).get("status").asInt()).isEqualTo(500);
                assertThat(deliveries.get(0).get("outcome").asText()).isEqualTo("retrying");
                assertThat(deliveries.get(1).get("outcome").asText()).isEqualTo("delivered");
                var event = stripe.v1().events().retrieve(Webhook.constructEvent(receiver.received().get(1).payload(),
                        receiver.received().get(1).signature(), SECRET).getId());
                assertThat(event.getPendingWebhooks()).isZero();
                assertThat(customer.getId()).isNotBlank();
            } finally {
                stripe.v1().webhookEndpoints().delete(endpoint.getId());
            }
        }
    }

    private static void faults(String body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(base + "/__sandbox/faults"));
        var set = http.send((body == null ? builder.DELETE() : builder.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
    }

    @Test
    void theErrorFaultAnswers500ApiError() throws Exception {
        faults("{\"errorRate\":1.0}");
        try {
            assertThatThrownBy(() -> stripe.v1().customers().retrieve("cus_any"))
                    .isInstanceOfSatisfying(com.stripe.exception.ApiException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(500);
                        assertThat(e.getStripeError().getType()).isEqualTo("api_error");
                    });
        } finally {
            faults(null);
        }
    }

    @Test
    void theRateLimitFaultAnswers429Once() throws Exception {
        faults("{\"rateLimitNext\":1}");

        assertThatThrownBy(() -> stripe.v1().customers().retrieve("cus_any"))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(429);
                    assertThat(e.getCode()).isEqualTo("rate_limit");
                });
        var member = DemoAssociation.generate(LocalDate.now()).members().get(0);
        assertThat(stripe.v1().customers().retrieve(member.gatewayCustomerId()).getId()).isEqualTo(member.gatewayCustomerId());
    }
}
