package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** Stripe's PaymentMethod object, cards only. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PaymentMethod(String id, String object, BillingDetails billingDetails, Card card, long created,
                     String customer, boolean livemode, Map<String, String> metadata, String type) implements ApiObject {

    static PaymentMethod card(String id, long created, Card card, BillingDetails billing, Map<String, String> metadata) {
        return new PaymentMethod(id, "payment_method", billing, card, created, null, false, metadata, "card");
    }

    PaymentMethod attachedTo(String customerId) {
        return new PaymentMethod(id, object, billingDetails, card, created, customerId, livemode, metadata, type);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BillingDetails(Object address, String email, String name, String phone) {
        static final BillingDetails EMPTY = new BillingDetails(null, null, null, null);
    }

    /** The card as Stripe shows it: never the number, only brand and last four digits. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Card(String brand, String country, String displayBrand, long expMonth, long expYear,
                String fingerprint, String funding, String last4) {}
}
