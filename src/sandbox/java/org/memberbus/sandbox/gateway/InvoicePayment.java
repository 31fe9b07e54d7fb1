package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Stripe's InvoicePayment (basil): links an invoice to the payment intent that pays it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record InvoicePayment(String id, String object, long amountPaid, long amountRequested, long created, String currency,
                      String invoice, boolean isDefault, boolean livemode, Payment payment, String status,
                      StatusTransitions statusTransitions) implements ApiObject {

    static InvoicePayment open(String id, long created, Invoice invoice, String paymentIntent) {
        return new InvoicePayment(id, "invoice_payment", 0, invoice.amountDue(), created, invoice.currency(),
                invoice.id(), true, false, new Payment(paymentIntent, "payment_intent"), "open",
                new StatusTransitions(null, null));
    }

    InvoicePayment paid(long at) {
        return new InvoicePayment(id, object, amountRequested, amountRequested, created, currency, invoice, isDefault,
                livemode, payment, "paid", new StatusTransitions(null, at));
    }

    InvoicePayment canceled(long at) {
        return new InvoicePayment(id, object, amountPaid, amountRequested, created, currency, invoice, isDefault,
                livemode, payment, "canceled", new StatusTransitions(at, null));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Payment(String paymentIntent, String type) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusTransitions(Long canceledAt, Long paidAt) {}
}
