package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * Stripe's Subscription object as of the basil API versions: the billing period lives on each
 * item ({@code items.data[].current_period_start/end}), not on the subscription. Statuses used:
 * {@code incomplete}, {@code active}, {@code past_due}, {@code canceled}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Subscription(String id, String object, long billingCycleAnchor, Long cancelAt, boolean cancelAtPeriodEnd,
                    Long canceledAt, CancellationDetails cancellationDetails, String collectionMethod, long created,
                    String currency, String customer, String defaultPaymentMethod, String description, Long endedAt,
                    StripeList<Item> items, String latestInvoice, boolean livemode, Map<String, String> metadata,
                    long startDate, String status) implements ApiObject {

    /** A new subscription, billed from {@code start} to {@code end}, not yet paid ({@code incomplete}). */
    static Subscription create(String id, long created, String customer, List<Item> items,
                               String defaultPaymentMethod, String description, Map<String, String> metadata,
                               String latestInvoice) {
        return new Subscription(id, "subscription", created, null, false, null, CancellationDetails.NONE,
                "charge_automatically", created, items.get(0).price().currency(), customer, defaultPaymentMethod,
                description, null, StripeList.of(List.copyOf(items), false, "/v1/subscription_items?subscription=" + id),
                latestInvoice, false, metadata, created, "incomplete");
    }

    long currentPeriodStart() {
        return items.data().get(0).currentPeriodStart();
    }

    long currentPeriodEnd() {
        return items.data().get(0).currentPeriodEnd();
    }

    Price.Recurring recurring() {
        return items.data().get(0).price().recurring();
    }

    long amount() {
        return items.data().stream().mapToLong(i -> i.price().unitAmount() * i.quantity()).sum();
    }

    boolean live() {
        return status.equals("active") || status.equals("past_due");
    }

    Subscription withStatus(String newStatus, String latestInvoiceId) {
        return new Subscription(id, object, billingCycleAnchor, cancelAt, cancelAtPeriodEnd, canceledAt,
                cancellationDetails, collectionMethod, created, currency, customer, defaultPaymentMethod, description,
                endedAt, items, latestInvoiceId, livemode, metadata, startDate, newStatus);
    }

    Subscription nextPeriod(long start, long end) {
        var moved = items.data().stream().map(i -> i.period(start, end)).toList();
        return new Subscription(id, object, billingCycleAnchor, cancelAt, cancelAtPeriodEnd, canceledAt,
                cancellationDetails, collectionMethod, created, currency, customer, defaultPaymentMethod, description,
                endedAt, StripeList.of(moved, false, items.url()), latestInvoice, livemode, metadata, startDate, status);
    }

    Subscription update(boolean cancelAtPeriodEnd, String defaultPaymentMethod, String description,
                        Map<String, String> metadata) {
        return new Subscription(id, object, billingCycleAnchor, cancelAtPeriodEnd ? currentPeriodEnd() : null,
                cancelAtPeriodEnd, canceledAt, cancellationDetails, collectionMethod, created, currency, customer,
                defaultPaymentMethod, description, endedAt, items, latestInvoice, livemode, metadata, startDate, status);
    }

    Subscription canceled(long at, String reason, String comment) {
        return new Subscription(id, object, billingCycleAnchor, cancelAt, cancelAtPeriodEnd, at,
                new CancellationDetails(comment, null, reason), collectionMethod, created, currency, customer,
                defaultPaymentMethod, description, at, items, latestInvoice, livemode, metadata, startDate, "canceled");
    }

    /** Stripe's SubscriptionItem: one price on the subscription, with its current billing period. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Item(String id, String object, long created, long currentPeriodEnd, long currentPeriodStart,
                Map<String, String> metadata, Price price, long quantity, String subscription) {

        Item period(long start, long end) {
            return new Item(id, object, created, end, start, metadata, price, quantity, subscription);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CancellationDetails(String comment, String feedback, String reason) {
        static final CancellationDetails NONE = new CancellationDetails(null, null, null);
    }
}
