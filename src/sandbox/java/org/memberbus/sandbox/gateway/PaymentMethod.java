package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * Stripe's PaymentMethod object: a card, or a US bank account for ACH Direct Debit
 * ({@code us_bank_account}). Only the hash of its own type is present, as in Stripe.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PaymentMethod(String id, String object, BillingDetails billingDetails,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Card card, long created,
                     String customer, boolean livemode, Map<String, String> metadata, String type,
                     @JsonInclude(JsonInclude.Include.NON_NULL) UsBankAccount usBankAccount) implements ApiObject {

    static PaymentMethod card(String id, long created, Card card, BillingDetails billing, Map<String, String> metadata) {
        return new PaymentMethod(id, "payment_method", billing, card, created, null, false, metadata, "card", null);
    }

    static PaymentMethod usBankAccount(String id, long created, UsBankAccount account, BillingDetails billing,
                                       Map<String, String> metadata) {
        return new PaymentMethod(id, "payment_method", billing, null, created, null, false, metadata,
                "us_bank_account", account);
    }

    PaymentMethod attachedTo(String customerId) {
        return new PaymentMethod(id, object, billingDetails, card, created, customerId, livemode, metadata, type,
                usBankAccount);
    }

    boolean isBankAccount() {
        return "us_bank_account".equals(type);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BillingDetails(Object address, String email, String name, String phone) {
        static final BillingDetails EMPTY = new BillingDetails(null, null, null, null);
    }

    /** The card as Stripe shows it: never the number, only brand and last four digits. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Card(String brand, String country, String displayBrand, long expMonth, long expYear,
                String fingerprint, String funding, String last4) {}

    /** The bank account as Stripe shows it: never the account number, only its last four digits. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UsBankAccount(String accountHolderType, String accountType, String bankName,
                         String financialConnectionsAccount, String fingerprint, String last4, Networks networks,
                         String routingNumber, Map<String, Object> statusDetails) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Networks(String preferred, List<String> supported) {
        static final Networks ACH = new Networks("ach", List.of("ach"));
    }
}
