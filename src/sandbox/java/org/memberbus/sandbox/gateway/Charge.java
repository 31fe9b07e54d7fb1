package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** Stripe's Charge object: one attempt to move money, made by a payment intent. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Charge(String id, String object, long amount, long amountCaptured, long amountRefunded,
              String balanceTransaction, PaymentMethod.BillingDetails billingDetails, boolean captured, long created,
              String currency, String customer, String description, String failureCode, String failureMessage,
              boolean livemode, Map<String, String> metadata, Outcome outcome, boolean paid, String paymentIntent,
              String paymentMethod, PaymentMethodDetails paymentMethodDetails, String receiptEmail,
              String receiptUrl, boolean refunded, String status) implements ApiObject {

    static Charge succeeded(String id, long created, PaymentIntent intent, PaymentMethod method, String balanceTransaction) {
        return new Charge(id, "charge", intent.amount(), intent.amount(), 0, balanceTransaction,
                method.billingDetails(), true, created, intent.currency(), intent.customer(), intent.description(),
                null, null, false, intent.metadata(),
                new Outcome("approved_by_network", null, "normal", "Payment complete.", "authorized"), true,
                intent.id(), method.id(), new PaymentMethodDetails(method.card(), "card"), intent.receiptEmail(),
                "https://pay.stripe.com/receipts/sandbox/" + id, false, "succeeded");
    }

    static Charge failed(String id, long created, PaymentIntent intent, PaymentMethod method, StripeError error) {
        boolean blocked = "processing_error".equals(error.code());
        return new Charge(id, "charge", intent.amount(), 0, 0, null, method.billingDetails(), false, created,
                intent.currency(), intent.customer(), intent.description(), error.code(), error.message(), false,
                intent.metadata(), new Outcome(blocked ? "not_sent_to_network" : "declined_by_network",
                error.declineCode(), "normal",
                "The bank did not return any further details with this decline.",
                blocked ? "invalid" : "issuer_declined"), false, intent.id(), method.id(),
                new PaymentMethodDetails(method.card(), "card"), intent.receiptEmail(), null, false, "failed");
    }

    long refundable() {
        return amountCaptured - amountRefunded;
    }

    Charge refund(long amount) {
        long refundedNow = amountRefunded + amount;
        return new Charge(id, object, this.amount, amountCaptured, refundedNow, balanceTransaction, billingDetails,
                captured, created, currency, customer, description, failureCode, failureMessage, livemode, metadata,
                outcome, paid, paymentIntent, paymentMethod, paymentMethodDetails, receiptEmail, receiptUrl,
                refundedNow >= amountCaptured, status);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Outcome(String networkStatus, String reason, String riskLevel, String sellerMessage, String type) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PaymentMethodDetails(PaymentMethod.Card card, String type) {}
}
