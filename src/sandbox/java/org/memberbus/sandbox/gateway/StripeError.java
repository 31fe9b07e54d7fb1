package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Stripe's error object: the body of every non-2xx answer ({@code {"error":{...}}}) and, for card
 * errors, a payment intent's {@code last_payment_error}. Absent fields are left out, as Stripe does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record StripeError(String type, String code, String declineCode, String message, String param, String docUrl,
                   String charge, PaymentIntent paymentIntent, PaymentMethod paymentMethod) {

    static StripeError of(String type, String code, String message, String param) {
        return new StripeError(type, code, null, message, param, docUrl(code), null, null, null);
    }

    static String docUrl(String code) {
        return code == null ? null : "https://stripe.com/docs/error-codes/" + code.replace('_', '-');
    }

    StripeError withPaymentIntent(PaymentIntent intent) {
        return new StripeError(type, code, declineCode, message, param, docUrl, charge, intent, paymentMethod);
    }

    StripeError withPaymentMethod(PaymentMethod method) {
        return new StripeError(type, code, declineCode, message, param, docUrl, charge, paymentIntent, method);
    }

    /** The body Stripe answers with. */
    record Body(StripeError error) {}
}
