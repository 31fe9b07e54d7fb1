package org.memberbus.sandbox.gateway;

import org.springframework.http.HttpStatus;

/**
 * An API call that ends in one of Stripe's documented errors. {@code saved} says whether the
 * answer is stored for an idempotent replay: Stripe saves the result once an endpoint has started
 * executing (a card decline is a result), not when the parameters failed validation.
 */
final class StripeException extends RuntimeException {

    private final int status;
    private final StripeError error;
    private final boolean saved;

    StripeException(int status, StripeError error, boolean saved) {
        super(error.message());
        this.status = status;
        this.error = error;
        this.saved = saved;
    }

    int status() {
        return status;
    }

    StripeError error() {
        return error;
    }

    boolean saved() {
        return saved;
    }

    static StripeException invalidRequest(String message) {
        return invalidRequest(null, null, message);
    }

    static StripeException invalidRequest(String code, String param, String message) {
        return new StripeException(400, StripeError.of("invalid_request_error", code, message, param), false);
    }

    static StripeException parameterMissing(String param) {
        return invalidRequest("parameter_missing", param, "Missing required param: " + param + ".");
    }

    static StripeException parameterUnknown(String param) {
        return invalidRequest("parameter_unknown", param, "Received unknown parameter: " + param);
    }

    static StripeException invalidInteger(String param, String value) {
        return invalidRequest("parameter_invalid_integer", param, "Invalid integer: " + value);
    }

    static StripeException resourceMissing(String kind, String id, String param) {
        return new StripeException(HttpStatus.NOT_FOUND.value(),
                StripeError.of("invalid_request_error", "resource_missing", "No such " + kind + ": '" + id + "'", param), false);
    }

    static StripeException unrecognizedUrl(String method, String path) {
        return new StripeException(HttpStatus.NOT_FOUND.value(), StripeError.of("invalid_request_error", null,
                "Unrecognized request URL (" + method + ": " + path + "). Please see https://stripe.com/docs "
                        + "or we can help at https://support.stripe.com/.", null), false);
    }

    /** A declined card: 402 with the error and the payment intent as it now stands. */
    static StripeException card(StripeError error, PaymentIntent intent) {
        return new StripeException(HttpStatus.PAYMENT_REQUIRED.value(), error.withPaymentIntent(intent), true);
    }
}
