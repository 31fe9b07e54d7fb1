package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * Stripe's Charge object: one attempt to move money, made by a payment intent. A card charge is
 * {@code succeeded} or {@code failed} at once; an ACH debit is {@code pending} until the bank
 * answers days later. {@code disputed} is set once the customer's bank opened a dispute.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Charge(String id, String object, long amount, long amountCaptured, long amountRefunded,
              String balanceTransaction, PaymentMethod.BillingDetails billingDetails, boolean captured, long created,
              String currency, String customer, String description, boolean disputed, String failureCode,
              String failureMessage, boolean livemode, Map<String, String> metadata, Outcome outcome, boolean paid,
              String paymentIntent, String paymentMethod, PaymentMethodDetails paymentMethodDetails,
              String receiptEmail, String receiptUrl, boolean refunded, String status) implements ApiObject {

    static Charge succeeded(String id, long created, PaymentIntent intent, PaymentMethod method, String balanceTransaction) {
        return new Charge(id, "charge", intent.amount(), intent.amount(), 0, balanceTransaction,
                method.billingDetails(), true, created, intent.currency(), intent.customer(), intent.description(),
                false, null, null, false, intent.metadata(),
                new Outcome("approved_by_network", null, "normal", "Payment complete.", "authorized"), true,
                intent.id(), method.id(), PaymentMethodDetails.of(method), intent.receiptEmail(),
                "https://pay.stripe.com/receipts/sandbox/" + id, false, "succeeded");
    }

    /** An ACH debit sent to the bank: captured, not yet paid, no balance transaction until it settles. */
    static Charge pending(String id, long created, PaymentIntent intent, PaymentMethod method) {
        return new Charge(id, "charge", intent.amount(), intent.amount(), 0, null, method.billingDetails(), true,
                created, intent.currency(), intent.customer(), intent.description(), false, null, null, false,
                intent.metadata(), new Outcome("approved_by_network", null, "normal", "Payment complete.",
                "authorized"), false, intent.id(), method.id(), PaymentMethodDetails.of(method),
                intent.receiptEmail(), "https://pay.stripe.com/receipts/sandbox/" + id, false, "pending");
    }

    static Charge failed(String id, long created, PaymentIntent intent, PaymentMethod method, StripeError error) {
        boolean blocked = "processing_error".equals(error.code());
        return new Charge(id, "charge", intent.amount(), 0, 0, null, method.billingDetails(), false, created,
                intent.currency(), intent.customer(), intent.description(), false, error.code(), error.message(),
                false, intent.metadata(), new Outcome(blocked ? "not_sent_to_network" : "declined_by_network",
                error.declineCode(), "normal",
                "The bank did not return any further details with this decline.",
                blocked ? "invalid" : "issuer_declined"), false, intent.id(), method.id(),
                PaymentMethodDetails.of(method), intent.receiptEmail(), null, false, "failed");
    }

    /** The pending ACH debit cleared. */
    Charge settled(String balanceTransactionId) {
        return new Charge(id, object, amount, amountCaptured, amountRefunded, balanceTransactionId, billingDetails,
                captured, created, currency, customer, description, disputed, failureCode, failureMessage, livemode,
                metadata, outcome, true, paymentIntent, paymentMethod, paymentMethodDetails, receiptEmail,
                receiptUrl, refunded, "succeeded");
    }

    /** The pending ACH debit came back from the bank (an ACH return). */
    Charge returned(StripeError error) {
        return new Charge(id, object, amount, 0, amountRefunded, balanceTransaction, billingDetails, false,
                created, currency, customer, description, disputed, error.code(), error.message(), livemode,
                metadata, outcome, false, paymentIntent, paymentMethod, paymentMethodDetails, receiptEmail,
                receiptUrl, refunded, "failed");
    }

    Charge markDisputed() {
        return new Charge(id, object, amount, amountCaptured, amountRefunded, balanceTransaction, billingDetails,
                captured, created, currency, customer, description, true, failureCode, failureMessage, livemode,
                metadata, outcome, paid, paymentIntent, paymentMethod, paymentMethodDetails, receiptEmail,
                receiptUrl, refunded, status);
    }

    long refundable() {
        return amountCaptured - amountRefunded;
    }

    Charge refund(long amount) {
        long refundedNow = amountRefunded + amount;
        return new Charge(id, object, this.amount, amountCaptured, refundedNow, balanceTransaction, billingDetails,
                captured, created, currency, customer, description, disputed, failureCode, failureMessage, livemode,
                metadata, outcome, paid, paymentIntent, paymentMethod, paymentMethodDetails, receiptEmail, receiptUrl,
                refundedNow >= amountCaptured, status);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Outcome(String networkStatus, String reason, String riskLevel, String sellerMessage, String type) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PaymentMethodDetails(@JsonInclude(JsonInclude.Include.NON_NULL) PaymentMethod.Card card, String type,
                                @JsonInclude(JsonInclude.Include.NON_NULL) PaymentMethod.UsBankAccount usBankAccount) {
        static PaymentMethodDetails of(PaymentMethod method) {
            return new PaymentMethodDetails(method.card(), method.type(), method.usBankAccount());
        }
    }
}
