package org.memberbus.sandbox.gateway;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/products}, {@code /v1/prices}, {@code /v1/subscriptions}, {@code /v1/invoices} and
 * {@code /v1/invoice_payments}.
 */
@RestController
class BillingController {

    private final GatewayState state;
    private final GatewayClock clock;
    private final Billing billing;

    BillingController(GatewayState state, GatewayClock clock, Billing billing) {
        this.state = state;
        this.clock = clock;
        this.billing = billing;
    }

    // products and prices

    @PostMapping("/v1/products")
    Product createProduct(HttpServletRequest request) {
        return state.locked(() -> billing.createProduct(FormParams.of(request), ApiRequest.of(request), clock.now()));
    }

    @GetMapping("/v1/products/{id}")
    Product retrieveProduct(@PathVariable String id) {
        return state.products.require(id, "id");
    }

    @GetMapping("/v1/products")
    StripeList<Product> listProducts(HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly(ObjectStore.listParams("active"));
        Boolean active = params.bool("active");
        return state.products.list(params, "/v1/products", p -> active == null || active == p.active());
    }

    @PostMapping("/v1/prices")
    Price createPrice(HttpServletRequest request) {
        return state.locked(() -> billing.createPrice(FormParams.of(request), ApiRequest.of(request), clock.now()));
    }

    @GetMapping("/v1/prices/{id}")
    Price retrievePrice(@PathVariable String id) {
        return state.prices.require(id, "price");
    }

    @GetMapping("/v1/prices")
    StripeList<Price> listPrices(HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly(ObjectStore.listParams("active", "product", "type", "lookup_keys"));
        Boolean active = params.bool("active");
        String product = params.string("product");
        String type = params.string("type");
        var lookupKeys = params.strings("lookup_keys");
        return state.prices.list(params, "/v1/prices", p -> (active == null || active == p.active())
                && (product == null || product.equals(p.product())) && (type == null || type.equals(p.type()))
                && (lookupKeys == null || lookupKeys.contains(p.lookupKey())));
    }

    // subscriptions

    @PostMapping("/v1/subscriptions")
    Subscription createSubscription(HttpServletRequest request) {
        return state.locked(() -> billing.create(FormParams.of(request), ApiRequest.of(request), clock.now()));
    }

    @GetMapping("/v1/subscriptions/{id}")
    Subscription retrieveSubscription(@PathVariable String id) {
        return state.subscriptions.require(id, "subscription_exposed_id");
    }

    @PostMapping("/v1/subscriptions/{id}")
    Subscription updateSubscription(@PathVariable String id, HttpServletRequest request) {
        return state.locked(() -> billing.update(id, FormParams.of(request), ApiRequest.of(request), clock.now()));
    }

    @DeleteMapping("/v1/subscriptions/{id}")
    Subscription cancelSubscription(@PathVariable String id, HttpServletRequest request) {
        return state.locked(() -> billing.cancel(id, FormParams.of(request), ApiRequest.of(request), clock.now()));
    }

    /** Without {@code status}, Stripe lists every subscription that is not canceled. */
    @GetMapping("/v1/subscriptions")
    StripeList<Subscription> listSubscriptions(HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly(ObjectStore.listParams("customer", "price", "status"));
        String customer = params.string("customer");
        String price = params.string("price");
        String status = params.string("status");
        return state.subscriptions.list(params, "/v1/subscriptions", s -> (customer == null || customer.equals(s.customer()))
                && (price == null || s.items().data().stream().anyMatch(i -> i.price().id().equals(price)))
                && (status == null ? !s.status().equals("canceled") : status.equals("all") || status.equals(s.status())));
    }

    /** Searchable: status, customer, metadata. */
    @GetMapping("/v1/subscriptions/search")
    StripeList.SearchResult<Subscription> searchSubscriptions(HttpServletRequest request) {
        return SearchQuery.search(state.subscriptions, FormParams.of(request), "/v1/subscriptions/search",
                Set.of("status", "customer"), (s, field) -> field.equals("status") ? s.status() : s.customer(),
                Subscription::metadata);
    }

    // invoices

    @GetMapping("/v1/invoices/{id}")
    Invoice retrieveInvoice(@PathVariable String id) {
        return state.invoices.require(id, "invoice");
    }

    @GetMapping("/v1/invoices/{id}/lines")
    StripeList<Invoice.Line> invoiceLines(@PathVariable String id) {
        return state.invoices.require(id, "invoice").lines();
    }

    @PostMapping("/v1/invoices/{id}/pay")
    Invoice payInvoice(@PathVariable String id, HttpServletRequest request) {
        return state.locked(() -> billing.pay(id, FormParams.of(request), ApiRequest.of(request), clock.now()));
    }

    @GetMapping("/v1/invoices")
    StripeList<Invoice> listInvoices(HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly(ObjectStore.listParams("customer", "subscription", "status",
                "collection_method"));
        String customer = params.string("customer");
        String subscription = params.string("subscription");
        String status = params.string("status");
        return state.invoices.list(params, "/v1/invoices", i -> (customer == null || customer.equals(i.customer()))
                && (subscription == null || subscription.equals(i.subscription()))
                && (status == null || status.equals(i.status())));
    }

    /** Searchable: status, customer, subscription, number, total, metadata (the invoice's own, as Stripe). */
    @GetMapping("/v1/invoices/search")
    StripeList.SearchResult<Invoice> searchInvoices(HttpServletRequest request) {
        return SearchQuery.search(state.invoices, FormParams.of(request), "/v1/invoices/search",
                Set.of("status", "customer", "subscription", "number", "total"), (i, field) -> switch (field) {
                    case "status" -> i.status();
                    case "customer" -> i.customer();
                    case "subscription" -> i.subscription();
                    case "number" -> i.number();
                    default -> String.valueOf(i.total());
                }, Invoice::metadata);
    }

    @GetMapping("/v1/invoice_payments/{id}")
    InvoicePayment retrieveInvoicePayment(@PathVariable String id) {
        return state.invoicePayments.require(id, "invoice_payment");
    }

    @GetMapping("/v1/invoice_payments")
    StripeList<InvoicePayment> listInvoicePayments(HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly(ObjectStore.listParams("invoice", "payment", "status"));
        String invoice = params.string("invoice");
        var payment = params.hash("payment");
        String intent = payment == null ? null : payment.allowOnly("type", "payment_intent").string("payment_intent");
        String status = params.string("status");
        return state.invoicePayments.list(params, "/v1/invoice_payments", p -> (invoice == null || invoice.equals(p.invoice()))
                && (intent == null || intent.equals(p.payment().paymentIntent()))
                && (status == null || status.equals(p.status())));
    }
}
