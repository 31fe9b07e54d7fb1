package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;
import java.util.function.Function;

/**
 * Stripe's Invoice object as of the basil API versions: the subscription it bills is under
 * {@code parent.subscription_details}; the service period of each line is {@code lines.data[].period}
 * (the invoice's own {@code period_start/end} cover the previous period, as Stripe's do); the
 * payment is found through {@code GET /v1/invoice_payments?invoice=}. Statuses used: {@code open},
 * {@code paid}, {@code void}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Invoice(String id, String object, long amountDue, long amountPaid, long amountRemaining, long attemptCount,
               boolean attempted, boolean autoAdvance, String billingReason, String collectionMethod, long created,
               String currency, String customer, String customerEmail, String customerName, String description,
               String hostedInvoiceUrl, StripeList<Line> lines, boolean livemode, Map<String, String> metadata,
               Long nextPaymentAttempt, String number, Parent parent, long periodEnd, long periodStart, String status,
               StatusTransitions statusTransitions, long subtotal, long total) implements ApiObject {

    /**
     * The invoice a subscription sends for the service period {@code lineStart}–{@code lineEnd}:
     * one line per item, carrying the subscription's metadata, as Stripe copies it.
     */
    static Invoice forSubscription(String id, Subscription subscription, Customer customer, String billingReason,
                                   long at, long periodStart, long periodEnd, long lineStart, long lineEnd,
                                   String number, Function<String, String> productName) {
        var lines = subscription.items().data().stream().map(item -> new Line(Ids.next("il"), "line_item",
                item.price().unitAmount() * item.quantity(), subscription.currency(),
                item.quantity() + " × " + productName.apply(item.price().product()) + " (at "
                        + money(item.price().unitAmount(), subscription.currency()) + " / "
                        + item.price().recurring().interval() + ")",
                id, false, subscription.metadata(),
                new LineParent(null, new SubscriptionItemDetails(null, false, null, subscription.id(), item.id()),
                        "subscription_item_details"),
                new Period(lineEnd, lineStart),
                new Pricing(new PriceDetails(item.price().id(), item.price().product()), "price_details",
                        item.price().unitAmountDecimal()),
                item.quantity())).toList();
        long total = subscription.amount();
        return new Invoice(id, "invoice", total, 0, total, 0, false, true, billingReason, "charge_automatically", at,
                subscription.currency(), customer.id(), customer.email(), customer.name(), null,
                "https://invoice.stripe.com/i/sandbox/" + id, StripeList.of(lines, false, "/v1/invoices/" + id + "/lines"),
                false, Map.of(), null, number, Parent.subscription(subscription.id(), subscription.metadata()),
                periodEnd, periodStart, "open", new StatusTransitions(at, null, null, null), total, total);
    }

    private static String money(long amount, String currency) {
        return (currency.equals("usd") ? "$" : currency.toUpperCase() + " ") + String.format("%d.%02d", amount / 100, amount % 100);
    }

    String subscription() {
        return parent.subscriptionDetails().subscription();
    }

    Invoice attemptFailed(long nextAttempt) {
        return new Invoice(id, object, amountDue, amountPaid, amountRemaining, attemptCount + 1, true, autoAdvance,
                billingReason, collectionMethod, created, currency, customer, customerEmail, customerName,
                description, hostedInvoiceUrl, lines, livemode, metadata, nextAttempt <= 0 ? null : nextAttempt,
                number, parent, periodEnd, periodStart, status, statusTransitions, subtotal, total);
    }

    Invoice paid(long at) {
        return new Invoice(id, object, amountDue, amountDue, 0, attemptCount + 1, true, false, billingReason,
                collectionMethod, created, currency, customer, customerEmail, customerName, description,
                hostedInvoiceUrl, lines, livemode, metadata, null, number, parent, periodEnd, periodStart, "paid",
                new StatusTransitions(statusTransitions.finalizedAt(), null, at, null), subtotal, total);
    }

    /** Automatic collection stops, as when its subscription is canceled. */
    Invoice stopCollection() {
        return new Invoice(id, object, amountDue, amountPaid, amountRemaining, attemptCount, attempted, false,
                billingReason, collectionMethod, created, currency, customer, customerEmail, customerName,
                description, hostedInvoiceUrl, lines, livemode, metadata, null, number, parent, periodEnd,
                periodStart, status, statusTransitions, subtotal, total);
    }

    Invoice voided(long at) {
        return new Invoice(id, object, amountDue, amountPaid, amountRemaining, attemptCount, attempted, false,
                billingReason, collectionMethod, created, currency, customer, customerEmail, customerName,
                description, hostedInvoiceUrl, lines, livemode, metadata, null, number, parent, periodEnd,
                periodStart, "void", new StatusTransitions(statusTransitions.finalizedAt(), null, null, at),
                subtotal, total);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Parent(Object quoteDetails, SubscriptionDetails subscriptionDetails, String type) {
        static Parent subscription(String subscriptionId, Map<String, String> metadata) {
            return new Parent(null, new SubscriptionDetails(metadata, subscriptionId), "subscription_details");
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SubscriptionDetails(Map<String, String> metadata, String subscription) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusTransitions(Long finalizedAt, Long markedUncollectibleAt, Long paidAt, Long voidedAt) {}

    /** An invoice line item (basil): the price, the quantity and the service period it bills. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Line(String id, String object, long amount, String currency, String description, String invoice,
                boolean livemode, Map<String, String> metadata, LineParent parent, Period period, Pricing pricing,
                long quantity) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LineParent(Object invoiceItemDetails, SubscriptionItemDetails subscriptionItemDetails, String type) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SubscriptionItemDetails(String invoiceItem, boolean proration, Object prorationDetails,
                                   String subscription, String subscriptionItem) {}

    record Period(long end, long start) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Pricing(PriceDetails priceDetails, String type, String unitAmountDecimal) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PriceDetails(String price, String product) {}
}
