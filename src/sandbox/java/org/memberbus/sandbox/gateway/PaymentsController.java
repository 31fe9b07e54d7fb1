package org.memberbus.sandbox.gateway;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/payment_intents}, {@code /v1/payment_methods}, {@code /v1/charges},
 * {@code /v1/refunds} and {@code /v1/balance_transactions}.
 */
@RestController
class PaymentsController {

    private final GatewayState state;
    private final GatewayClock clock;
    private final Payments payments;

    PaymentsController(GatewayState state, GatewayClock clock, Payments payments) {
        this.state = state;
        this.clock = clock;
        this.payments = payments;
    }

    // payment intents

    @PostMapping("/v1/payment_intents")
    PaymentIntent createIntent(HttpServletRequest request) {
        return state.locked(() -> payments.create(FormParams.of(request), ApiRequest.of(request), clock.now()));
    }

    @GetMapping("/v1/payment_intents/{id}")
    PaymentIntent retrieveIntent(@PathVariable String id) {
        return state.paymentIntents.require(id, "intent");
    }

    @PostMapping("/v1/payment_intents/{id}")
    PaymentIntent updateIntent(@PathVariable String id, HttpServletRequest request) {
        return state.locked(() -> payments.update(id, FormParams.of(request), clock.now()));
    }

    @PostMapping("/v1/payment_intents/{id}/confirm")
    PaymentIntent confirmIntent(@PathVariable String id, HttpServletRequest request) {
        return state.locked(() -> payments.confirm(id, FormParams.of(request), ApiRequest.of(request), clock.now()));
    }

    @PostMapping("/v1/payment_intents/{id}/cancel")
    PaymentIntent cancelIntent(@PathVariable String id, HttpServletRequest request) {
        return state.locked(() -> payments.cancel(id, FormParams.of(request), ApiRequest.of(request), clock.now()));
    }

    @GetMapping("/v1/payment_intents")
    StripeList<PaymentIntent> listIntents(HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly(ObjectStore.listParams("customer"));
        String customer = params.string("customer");
        return state.paymentIntents.list(params, "/v1/payment_intents",
                pi -> customer == null || customer.equals(pi.customer()));
    }

    /** Searchable: status, currency, customer, amount, description, metadata. */
    @GetMapping("/v1/payment_intents/search")
    StripeList.SearchResult<PaymentIntent> searchIntents(HttpServletRequest request) {
        return SearchQuery.search(state.paymentIntents, FormParams.of(request), "/v1/payment_intents/search",
                Set.of("status", "currency", "customer", "amount", "description"), (pi, field) -> switch (field) {
                    case "status" -> pi.status();
                    case "currency" -> pi.currency();
                    case "customer" -> pi.customer();
                    case "amount" -> String.valueOf(pi.amount());
                    default -> pi.description();
                }, PaymentIntent::metadata);
    }

    // payment methods

    @PostMapping("/v1/payment_methods")
    PaymentMethod createMethod(HttpServletRequest request) {
        return state.locked(() -> payments.createMethod(FormParams.of(request), clock.now()));
    }

    @GetMapping("/v1/payment_methods/{id}")
    PaymentMethod retrieveMethod(@PathVariable String id) {
        return payments.method(id, "payment_method");
    }

    @PostMapping("/v1/payment_methods/{id}/attach")
    PaymentMethod attachMethod(@PathVariable String id, HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly("customer");
        return state.locked(() -> payments.attach(id, params.required("customer"), ApiRequest.of(request), clock.now()));
    }

    @PostMapping("/v1/payment_methods/{id}/detach")
    PaymentMethod detachMethod(@PathVariable String id, HttpServletRequest request) {
        return state.locked(() -> payments.detach(id, ApiRequest.of(request), clock.now()));
    }

    @GetMapping("/v1/payment_methods")
    StripeList<PaymentMethod> listMethods(HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly(ObjectStore.listParams("customer", "type"));
        String customer = params.string("customer");
        return state.paymentMethods.list(params, "/v1/payment_methods",
                pm -> customer == null || customer.equals(pm.customer()));
    }

    // charges

    @GetMapping("/v1/charges/{id}")
    Charge retrieveCharge(@PathVariable String id) {
        return state.charges.require(id, "charge");
    }

    @GetMapping("/v1/charges")
    StripeList<Charge> listCharges(HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly(ObjectStore.listParams("customer", "payment_intent"));
        String customer = params.string("customer");
        String intent = params.string("payment_intent");
        return state.charges.list(params, "/v1/charges", c -> (customer == null || customer.equals(c.customer()))
                && (intent == null || intent.equals(c.paymentIntent())));
    }

    /** Searchable: status, currency, customer, payment_intent, amount, refunded, metadata. */
    @GetMapping("/v1/charges/search")
    StripeList.SearchResult<Charge> searchCharges(HttpServletRequest request) {
        return SearchQuery.search(state.charges, FormParams.of(request), "/v1/charges/search",
                Set.of("status", "currency", "customer", "payment_intent", "amount", "refunded"), (c, field) -> switch (field) {
                    case "status" -> c.status();
                    case "currency" -> c.currency();
                    case "customer" -> c.customer();
                    case "payment_intent" -> c.paymentIntent();
                    case "amount" -> String.valueOf(c.amount());
                    default -> String.valueOf(c.refunded());
                }, Charge::metadata);
    }

    // refunds

    @PostMapping("/v1/refunds")
    Refund createRefund(HttpServletRequest request) {
        return state.locked(() -> payments.refund(FormParams.of(request), ApiRequest.of(request), clock.now()));
    }

    @GetMapping("/v1/refunds/{id}")
    Refund retrieveRefund(@PathVariable String id) {
        return state.refunds.require(id, "refund");
    }

    @GetMapping("/v1/refunds")
    StripeList<Refund> listRefunds(HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly(ObjectStore.listParams("charge", "payment_intent"));
        String charge = params.string("charge");
        String intent = params.string("payment_intent");
        return state.refunds.list(params, "/v1/refunds", r -> (charge == null || charge.equals(r.charge()))
                && (intent == null || intent.equals(r.paymentIntent())));
    }

    // balance transactions

    @GetMapping("/v1/balance_transactions/{id}")
    BalanceTransaction retrieveBalanceTransaction(@PathVariable String id) {
        return state.balanceTransactions.require(id, "id");
    }

    @GetMapping("/v1/balance_transactions")
    StripeList<BalanceTransaction> listBalanceTransactions(HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly(ObjectStore.listParams("source", "type", "currency"));
        String source = params.string("source");
        String type = params.string("type");
        return state.balanceTransactions.list(params, "/v1/balance_transactions",
                t -> (source == null || source.equals(t.source())) && (type == null || Objects.equals(type, t.type())));
    }
}
