package org.memberbus.sandbox.gateway;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The API request behind an event (Stripe's {@code event.request}): its id and idempotency key.
 * Both are null for what the gateway does on its own, such as a subscription renewal.
 */
record ApiRequest(String id, String idempotencyKey) {

    static final ApiRequest AUTOMATIC = new ApiRequest(null, null);
    static final String ID_ATTRIBUTE = ApiRequest.class.getName() + ".id";

    static ApiRequest of(HttpServletRequest request) {
        return new ApiRequest((String) request.getAttribute(ID_ATTRIBUTE), request.getHeader("Idempotency-Key"));
    }
}
