package org.memberbus.sandbox.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Products, prices, subscriptions and the invoices they send. A subscription invoices and charges
 * its customer when it is created and at the end of each period; renewals happen when the
 * gateway's clock passes a period's end ({@code POST /__sandbox/advance}). A failed renewal makes
 * the subscription {@code past_due}; the invoice is retried every 3 days with the customer's
 * current default payment method, and after 4 failed attempts the subscription is canceled.
 */
final class Billing implements Payments.Listener {

    static final long DAY = 86_400;
    static final int MAX_ATTEMPTS = 4;
    private static final Set<String> INTERVALS = Set.of("day", "week", "month", "year");

    /** What catching up with the clock did. */
    record Progress(long now, int renewals, int retries, int cancellations) {}

    private final GatewayState state;
    private final Payments payments;
    private final EventLog events;

    Billing(GatewayState state, Payments payments, EventLog events) {
        this.state = state;
        this.payments = payments;
        this.events = events;
        payments.listen(this);
    }

    // ---- catalogue ------------------------------------------------------------------------

    Product createProduct(FormParams params, ApiRequest request, long at) {
        params.allowOnly("id", "name", "description", "metadata", "active");
        String id = params.string("id") != null ? params.string("id") : Ids.next("prod");
        if (state.products.get(id) != null) {
            throw StripeException.invalidRequest("resource_already_exists", "id", "Product already exists.");
        }
        var product = state.products.put(Product.create(id, at, params.required("name"), params.string("description"),
                params.metadata(Map.of())));
        events.publish("product.created", product, request, at);
        return product;
    }

    Price createPrice(FormParams params, ApiRequest request, long at) {
        params.allowOnly("currency", "unit_amount", "product", "product_data", "recurring", "nickname", "lookup_key",
                "metadata", "active");
        String product = params.string("product");
        var productData = params.hash("product_data");
        if (product == null && productData == null) {
            throw StripeException.parameterMissing("product");
        }
        if (product == null) {
            productData.allowOnly("name", "metadata");
            var created = state.products.put(Product.create(Ids.next("prod"), at, productData.required("name"), null,
                    productData.metadata(Map.of())));
            events.publish("product.created", created, request, at);
            product = created.id();
        }
        var price = price(params, product, params.hash("recurring"), at);
        state.prices.put(price);
        events.publish("price.created", price, request, at);
        return price;
    }

    private Price price(FormParams params, String product, FormParams recurring, long at) {
        state.products.require(product, "product");
        long unitAmount = params.requiredInteger("unit_amount");
        if (unitAmount < 0) {
            throw StripeException.invalidRequest("parameter_invalid_integer", "unit_amount",
                    "This value must be greater than or equal to 0.");
        }
        Price.Recurring schedule = null;
        if (recurring != null) {
            recurring.allowOnly("interval", "interval_count", "usage_type");
            String interval = recurring.required("interval");
            if (!INTERVALS.contains(interval)) {
                throw StripeException.invalidRequest("parameter_invalid_string", "recurring[interval]",
                        "Invalid recurring[interval]: must be one of day, week, month, or year");
            }
            long count = recurring.integer("interval_count") == null ? 1 : recurring.integer("interval_count");
            if (count < 1) {
                throw StripeException.invalidRequest("parameter_invalid_integer", "recurring[interval_count]",
                        "This value must be greater than or equal to 1.");
            }
            schedule = Price.Recurring.every(count, interval);
        }
        return Price.create(Ids.next("price"), at, params.required("currency").toLowerCase(), unitAmount, product,
                schedule, params.string("nickname"), params.string("lookup_key"), params.metadata(Map.of()));
    }

    // ---- subscriptions --------------------------------------------------------------------

    Subscription create(FormParams params, ApiRequest request, long at) {
        params.allowOnly("customer", "items", "default_payment_method", "metadata", "description", "payment_behavior",
                "cancel_at_period_end", "collection_method", "off_session", "proration_behavior");
        var customer = state.customers.require(params.required("customer"), "customer");
        String behavior = params.string("payment_behavior") == null ? "allow_incomplete" : params.string("payment_behavior");
        if (!Set.of("allow_incomplete", "default_incomplete", "error_if_incomplete").contains(behavior)) {
            throw StripeException.invalidRequest("parameter_invalid_string", "payment_behavior",
                    "The sandbox gateway supports payment_behavior allow_incomplete, default_incomplete and error_if_incomplete.");
        }
        if (params.string("collection_method") != null && !params.string("collection_method").equals("charge_automatically")) {
            throw StripeException.invalidRequest("parameter_invalid_string", "collection_method",
                    "The sandbox gateway supports collection_method=charge_automatically only.");
        }
        String subscriptionId = Ids.next("sub");
        var items = items(params, subscriptionId, at);
        String method = params.string("default_payment_method");
        if (method != null) {
            payments.method(method, "default_payment_method");
        }
        String chargeWith = method != null ? method : customer.invoiceSettings().defaultPaymentMethod();
        if (chargeWith == null && !behavior.equals("default_incomplete")) {
            throw StripeException.invalidRequest("resource_missing", null,
                    "This customer has no attached payment source or default payment method. Please consider "
                            + "adding a default payment method. For more information, visit https://stripe.com/docs/billing/subscriptions/payment-methods-setting#payment-method-priority.");
        }
        String invoiceId = Ids.next("in");
        var subscription = state.subscriptions.put(Subscription.create(subscriptionId, at, customer.id(), items, method,
                params.string("description"), params.metadata(Map.of()), invoiceId));
        if (params.flag("cancel_at_period_end")) {
            subscription = state.subscriptions.put(subscription.update(true, method, subscription.description(),
                    subscription.metadata()));
        }
        events.publish("customer.subscription.created", subscription, request, at);
        var invoice = openInvoice(invoiceId, subscription, customer, "subscription_create", at, at, at,
                subscription.currentPeriodStart(), subscription.currentPeriodEnd(), request);
        var intent = invoiceIntent(invoice, "Subscription creation", chargeWith, request, at);
        if (!behavior.equals("default_incomplete")) {
            var attempt = payments.attempt(intent, payments.method(chargeWith, "default_payment_method"), false, null,
                    request, at);
            if (attempt.error() != null && behavior.equals("error_if_incomplete")) {
                throw StripeException.card(attempt.error(), attempt.intent());
            }
        }
        return state.subscriptions.get(subscriptionId);
    }

    private List<Subscription.Item> items(FormParams params, String subscriptionId, long at) {
        var given = params.hashes("items");
        if (given.isEmpty()) {
            throw StripeException.parameterMissing("items");
        }
        var items = new ArrayList<Subscription.Item>();
        for (var item : given) {
            item.allowOnly("price", "price_data", "quantity", "metadata");
            Price price;
            if (item.string("price") != null) {
                price = state.prices.require(item.string("price"), "price");
            } else if (item.hash("price_data") != null) {
                var data = item.hash("price_data");
                data.allowOnly("currency", "product", "unit_amount", "recurring");
                var recurring = data.hash("recurring");
                if (recurring == null) {
                    throw StripeException.parameterMissing("recurring");
                }
                price = state.prices.put(price(data, data.required("product"), recurring, at));
            } else {
                throw StripeException.parameterMissing("price");
            }
            if (price.recurring() == null) {
                throw StripeException.invalidRequest("parameter_invalid_string", "price",
                        "The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.");
            }
            long quantity = item.integer("quantity") == null ? 1 : item.integer("quantity");
            if (quantity < 1) {
                throw StripeException.invalidRequest("parameter_invalid_integer", "quantity",
                        "This value must be greater than or equal to 1.");
            }
            items.add(new Subscription.Item(Ids.next("si"), "subscription_item", at, price.recurring().periodEnd(at), at,
                    item.metadata(Map.of()), price, quantity, subscriptionId));
        }
        var first = items.get(0).price();
        for (var item : items) {
            if (!item.price().currency().equals(first.currency()) || !item.price().recurring().equals(first.recurring())) {
                throw StripeException.invalidRequest("parameter_invalid_string", "items",
                        "Currency and interval fields must match across all plans on this subscription.");
            }
        }
        return items;
    }

    Subscription update(String id, FormParams params, ApiRequest request, long at) {
        params.allowOnly("cancel_at_period_end", "default_payment_method", "description", "metadata",
                "cancellation_details", "proration_behavior");
        var before = state.subscriptions.require(id, "subscription_exposed_id");
        if (before.status().equals("canceled") && (params.has("cancel_at_period_end") || params.has("default_payment_method"))) {
            throw StripeException.invalidRequest(null, null,
                    "A canceled subscription can only update its cancellation_details and metadata.");
        }
        String method = params.has("default_payment_method") ? params.string("default_payment_method")
                : before.defaultPaymentMethod();
        if (method != null) {
            payments.method(method, "default_payment_method");
        }
        var updated = state.subscriptions.put(before.update(
                params.has("cancel_at_period_end") ? params.flag("cancel_at_period_end") : before.cancelAtPeriodEnd(),
                method, params.has("description") ? params.string("description") : before.description(),
                params.metadata(before.metadata())));
        if (!updated.equals(before)) {
            events.publish("customer.subscription.updated", updated, before, request, at);
        }
        return updated;
    }

    /** {@code DELETE /v1/subscriptions/{id}}: cancels at once; open invoices stop being collected. */
    Subscription cancel(String id, FormParams params, ApiRequest request, long at) {
        params.allowOnly("cancellation_details", "invoice_now", "prorate");
        var subscription = state.subscriptions.require(id, "subscription_exposed_id");
        if (subscription.status().equals("canceled")) {
            throw StripeException.invalidRequest(null, null, "This subscription has already been canceled.");
        }
        var details = params.hash("cancellation_details");
        String comment = details == null ? null : details.allowOnly("comment", "feedback").string("comment");
        return end(subscription, "cancellation_requested", comment, request, at);
    }

    private Subscription end(Subscription subscription, String reason, String comment, ApiRequest request, long at) {
        var canceled = state.subscriptions.put(subscription.canceled(at, reason, comment));
        state.invoices.stream()
                .filter(i -> i.status().equals("open") && subscription.id().equals(i.subscription()))
                .forEach(i -> state.invoices.put(i.stopCollection()));
        events.publish("customer.subscription.deleted", canceled, request, at);
        return canceled;
    }

    // ---- invoices -------------------------------------------------------------------------

    private Invoice openInvoice(String id, Subscription subscription, Customer customer, String reason, long at,
                                long periodStart, long periodEnd, long lineStart, long lineEnd, ApiRequest request) {
        long issued = state.invoices.stream().filter(i -> i.customer().equals(customer.id())).count();
        var invoice = state.invoices.put(Invoice.forSubscription(id, subscription, customer, reason, at, periodStart,
                periodEnd, lineStart, lineEnd, customer.invoicePrefix() + "-" + String.format("%04d", issued + 1),
                this::productName));
        events.publish("invoice.created", invoice, request, at);
        events.publish("invoice.finalized", invoice, request, at);
        return invoice;
    }

    private String productName(String productId) {
        var product = state.products.get(productId);
        return product == null ? productId : product.name();
    }

    /** The payment intent that collects an invoice, linked to it through an invoice payment. */
    private PaymentIntent invoiceIntent(Invoice invoice, String description, String method, ApiRequest request, long at) {
        var intent = state.paymentIntents.put(PaymentIntent.create(Ids.next("pi"), at, invoice.amountDue(),
                invoice.currency(), invoice.customer(), description, Map.of(), method, null, null, null, List.of("card")));
        state.invoiceOfIntent.put(intent.id(), invoice.id());
        state.invoicePayments.put(InvoicePayment.open(Ids.next("inpay"), at, invoice, intent.id()));
        events.publish("payment_intent.created", intent, request, at);
        return intent;
    }

    private PaymentIntent intentOf(Invoice invoice) {
        return state.invoicePayments.stream().filter(p -> p.invoice().equals(invoice.id()))
                .map(p -> state.paymentIntents.get(p.payment().paymentIntent())).findFirst().orElseThrow();
    }

    /** {@code POST /v1/invoices/{id}/pay}: charges an open invoice now (402 if the card is declined). */
    Invoice pay(String id, FormParams params, ApiRequest request, long at) {
        params.allowOnly("payment_method", "off_session");
        var invoice = state.invoices.require(id, "invoice");
        if (!invoice.status().equals("open")) {
            throw StripeException.invalidRequest("invoice_not_open", null, invoice.status().equals("paid")
                    ? "Invoice is already paid" : "This invoice can no longer be paid: its status is " + invoice.status() + ".");
        }
        String method = params.string("payment_method") != null ? params.string("payment_method")
                : defaultMethod(state.subscriptions.get(invoice.subscription()));
        if (method == null) {
            throw StripeException.invalidRequest("resource_missing", null,
                    "This customer has no attached payment source or default payment method.");
        }
        var intent = intentOf(invoice);
        var attempt = payments.attempt(intent, payments.method(method, "payment_method"),
                !Boolean.FALSE.equals(params.bool("off_session")), null, request, at);
        if (attempt.error() != null) {
            throw StripeException.card(attempt.error(), attempt.intent());
        }
        return state.invoices.get(id);
    }

    private String defaultMethod(Subscription subscription) {
        if (subscription.defaultPaymentMethod() != null) {
            return subscription.defaultPaymentMethod();
        }
        var customer = state.customers.get(subscription.customer());
        return customer == null ? null : customer.invoiceSettings().defaultPaymentMethod();
    }

    @Override
    public void succeeded(PaymentIntent intent, ApiRequest request, long at) {
        var invoice = invoiceOf(intent);
        if (invoice == null || !invoice.status().equals("open")) {
            return;
        }
        var paid = state.invoices.put(invoice.paid(at));
        state.invoicePayments.stream().filter(p -> p.invoice().equals(invoice.id()))
                .forEach(p -> state.invoicePayments.put(p.paid(at)));
        events.publish("invoice.paid", paid, request, at);
        events.publish("invoice.payment_succeeded", paid, request, at);
        var subscription = state.subscriptions.get(invoice.subscription());
        if (subscription != null && Set.of("incomplete", "past_due").contains(subscription.status())) {
            var active = state.subscriptions.put(subscription.withStatus("active", subscription.latestInvoice()));
            events.publish("customer.subscription.updated", active, subscription, request, at);
        }
    }

    @Override
    public void failed(PaymentIntent intent, ApiRequest request, long at) {
        var invoice = invoiceOf(intent);
        if (invoice != null && invoice.status().equals("open")) {
            attemptFailed(invoice, request, at);
        }
    }

    @Override
    public void actionRequired(PaymentIntent intent, ApiRequest request, long at) {
        var invoice = invoiceOf(intent);
        if (invoice != null) {
            events.publish("invoice.payment_action_required", invoice, request, at);
        }
    }

    private Invoice invoiceOf(PaymentIntent intent) {
        String invoiceId = state.invoiceOfIntent.get(intent.id());
        return invoiceId == null ? null : state.invoices.get(invoiceId);
    }

    /**
     * A first invoice is not retried (its subscription stays {@code incomplete}); a renewal is
     * retried 3 days later, up to {@link #MAX_ATTEMPTS}, then its subscription is canceled.
     */
    private void attemptFailed(Invoice invoice, ApiRequest request, long at) {
        boolean first = invoice.billingReason().equals("subscription_create");
        boolean exhausted = invoice.attemptCount() + 1 >= MAX_ATTEMPTS;
        var failed = state.invoices.put(invoice.attemptFailed(first || exhausted ? 0 : at + 3 * DAY));
        events.publish("invoice.payment_failed", failed, request, at);
        var subscription = state.subscriptions.get(invoice.subscription());
        if (subscription == null || first) {
            return;
        }
        if (exhausted && subscription.live()) {
            end(subscription, "payment_failed", null, request, at);
        } else if (subscription.status().equals("active")) {
            var pastDue = state.subscriptions.put(subscription.withStatus("past_due", subscription.latestInvoice()));
            events.publish("customer.subscription.updated", pastDue, subscription, request, at);
        }
    }

    // ---- the clock ------------------------------------------------------------------------

    private record Due(long at, Subscription renewal, Invoice retry) {}

    /** Renews, retries and ends whatever fell due up to {@code now}, in time order. */
    Progress catchUp(long now) {
        int renewals = 0;
        int retries = 0;
        int cancellations = 0;
        for (Due due = nextDue(now); due != null; due = nextDue(now)) {
            if (due.renewal() != null) {
                if (due.renewal().cancelAtPeriodEnd()) {
                    end(due.renewal(), "cancellation_requested", null, ApiRequest.AUTOMATIC, due.at());
                    cancellations++;
                } else {
                    renew(due.renewal(), due.at());
                    renewals++;
                }
            } else {
                retry(due.retry(), due.at());
                retries++;
            }
        }
        return new Progress(now, renewals, retries, cancellations);
    }

    private Due nextDue(long now) {
        var renewal = state.subscriptions.stream()
                .filter(s -> s.live() && s.currentPeriodEnd() <= now)
                .min(Comparator.comparingLong(Subscription::currentPeriodEnd))
                .map(s -> new Due(s.currentPeriodEnd(), s, null));
        var retry = state.invoices.stream()
                .filter(i -> i.status().equals("open") && i.nextPaymentAttempt() != null && i.nextPaymentAttempt() <= now)
                .min(Comparator.comparingLong(Invoice::nextPaymentAttempt))
                .map(i -> new Due(i.nextPaymentAttempt(), null, i));
        if (renewal.isPresent() && retry.isPresent()) {
            return renewal.get().at() <= retry.get().at() ? renewal.get() : retry.get();
        }
        return renewal.orElse(retry.orElse(null));
    }

    private void renew(Subscription before, long at) {
        long start = before.currentPeriodEnd();
        long end = before.recurring().periodEnd(start);
        String invoiceId = Ids.next("in");
        var renewed = state.subscriptions.put(before.nextPeriod(start, end).withStatus(before.status(), invoiceId));
        events.publish("customer.subscription.updated", renewed, before, ApiRequest.AUTOMATIC, at);
        var customer = state.customers.get(renewed.customer());
        var invoice = openInvoice(invoiceId, renewed, customer, "subscription_cycle", at, before.currentPeriodStart(),
                before.currentPeriodEnd(), start, end, ApiRequest.AUTOMATIC);
        String method = defaultMethod(renewed);
        var intent = invoiceIntent(invoice, "Subscription update", method, ApiRequest.AUTOMATIC, at);
        if (method == null) {
            attemptFailed(invoice, ApiRequest.AUTOMATIC, at);
        } else {
            payments.attempt(intent, payments.method(method, "payment_method"), true, null, ApiRequest.AUTOMATIC, at);
        }
    }

    private void retry(Invoice invoice, long at) {
        var intent = intentOf(invoice);
        String method = defaultMethod(state.subscriptions.get(invoice.subscription()));
        if (method == null || !intent.open()) {
            attemptFailed(invoice, ApiRequest.AUTOMATIC, at);
        } else {
            payments.attempt(intent, payments.method(method, "payment_method"), true, null, ApiRequest.AUTOMATIC, at);
        }
    }
}
