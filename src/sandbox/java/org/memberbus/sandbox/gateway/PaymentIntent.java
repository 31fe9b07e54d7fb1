package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * Stripe's PaymentIntent object. Statuses used: {@code requires_payment_method},
 * {@code requires_confirmation}, {@code requires_action}, {@code processing} (an ACH debit waiting
 * for the bank), {@code succeeded}, {@code canceled}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PaymentIntent(String id, String object, long amount, long amountCapturable, long amountReceived,
                     Long canceledAt, String cancellationReason, String captureMethod, String clientSecret,
                     String confirmationMethod, long created, String currency, String customer, String description,
                     StripeError lastPaymentError, String latestCharge, boolean livemode, Map<String, String> metadata,
                     NextAction nextAction, String paymentMethod, List<String> paymentMethodTypes, String receiptEmail,
                     String setupFutureUsage, String statementDescriptor, String status) implements ApiObject {

    static PaymentIntent create(String id, long created, long amount, String currency, String customer,
                                String description, Map<String, String> metadata, String paymentMethod,
                                String receiptEmail, String setupFutureUsage, String statementDescriptor,
                                List<String> paymentMethodTypes) {
        return new PaymentIntent(id, "payment_intent", amount, 0, 0, null, null, "automatic_async",
                id + "_secret_" + Ids.random(24), "automatic", created, currency, customer, description, null, null,
                false, metadata, null, paymentMethod, paymentMethodTypes, receiptEmail, setupFutureUsage,
                statementDescriptor, paymentMethod == null ? "requires_payment_method" : "requires_confirmation");
    }

    /** Still to be paid: neither settled, nor waiting for the bank, nor canceled. */
    boolean open() {
        return !status.equals("succeeded") && !status.equals("canceled") && !status.equals("processing");
    }

    /** An ACH debit sent to the bank: the money is not there until it settles, days later. */
    PaymentIntent processing(String paymentMethod, String chargeId) {
        return new PaymentIntent(id, object, amount, 0, 0, canceledAt, cancellationReason, captureMethod,
                clientSecret, confirmationMethod, created, currency, customer, description, null, chargeId,
                livemode, metadata, null, paymentMethod, paymentMethodTypes, receiptEmail, setupFutureUsage,
                statementDescriptor, "processing");
    }

    PaymentIntent update(long amount, String currency, String customer, String description,
                         Map<String, String> metadata, String paymentMethod, String receiptEmail) {
        String newStatus = open() ? (paymentMethod == null ? "requires_payment_method" : "requires_confirmation") : status;
        return new PaymentIntent(id, object, amount, amountCapturable, amountReceived, canceledAt, cancellationReason,
                captureMethod, clientSecret, confirmationMethod, created, currency, customer, description,
                lastPaymentError, latestCharge, livemode, metadata, nextAction, paymentMethod, paymentMethodTypes,
                receiptEmail, setupFutureUsage, statementDescriptor,
                status.equals("requires_action") ? status : newStatus);
    }

    PaymentIntent succeeded(String paymentMethod, String chargeId) {
        return new PaymentIntent(id, object, amount, 0, amount, canceledAt, cancellationReason, captureMethod,
                clientSecret, confirmationMethod, created, currency, customer, description, null, chargeId,
                livemode, metadata, null, paymentMethod, paymentMethodTypes, receiptEmail, setupFutureUsage,
                statementDescriptor, "succeeded");
    }

    /** After a decline Stripe detaches the payment method, so a new one must be given. */
    PaymentIntent failed(StripeError error, String chargeId) {
        return new PaymentIntent(id, object, amount, 0, 0, canceledAt, cancellationReason, captureMethod,
                clientSecret, confirmationMethod, created, currency, customer, description, error,
                chargeId == null ? latestCharge : chargeId, livemode, metadata, null, null, paymentMethodTypes,
                receiptEmail, setupFutureUsage, statementDescriptor, "requires_payment_method");
    }

    PaymentIntent requiresAction(String paymentMethod, NextAction action) {
        return new PaymentIntent(id, object, amount, 0, 0, canceledAt, cancellationReason, captureMethod,
                clientSecret, confirmationMethod, created, currency, customer, description, null, latestCharge,
                livemode, metadata, action, paymentMethod, paymentMethodTypes, receiptEmail, setupFutureUsage,
                statementDescriptor, "requires_action");
    }

    PaymentIntent canceled(long at, String reason) {
        return new PaymentIntent(id, object, amount, 0, amountReceived, at, reason, captureMethod, clientSecret,
                confirmationMethod, created, currency, customer, description, lastPaymentError, latestCharge,
                livemode, metadata, null, paymentMethod, paymentMethodTypes, receiptEmail, setupFutureUsage,
                statementDescriptor, "canceled");
    }

    /** What the customer must do: here, always a 3D Secure page to visit. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NextAction(String type, RedirectToUrl redirectToUrl) {
        static NextAction redirect(String url, String returnUrl) {
            return new NextAction("redirect_to_url", new RedirectToUrl(returnUrl, url));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RedirectToUrl(String returnUrl, String url) {}
}
