package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** Stripe's Customer object. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Customer(String id, String object, Object address, long balance, long created, String currency,
                String defaultSource, boolean delinquent, String description, String email, String invoicePrefix,
                InvoiceSettings invoiceSettings, boolean livemode, Map<String, String> metadata, String name,
                String phone, List<String> preferredLocales, Object shipping, String taxExempt) implements ApiObject {

    static Customer create(String id, long created, String email, String name, String phone, String description,
                           Map<String, String> metadata, String defaultPaymentMethod) {
        return new Customer(id, "customer", null, 0, created, null, null, false, description, email,
                invoicePrefix(id), InvoiceSettings.of(defaultPaymentMethod), false, metadata, name, phone,
                List.of(), null, "none");
    }

    Customer update(String email, String name, String phone, String description, Map<String, String> metadata,
                    String defaultPaymentMethod) {
        return new Customer(id, object, address, balance, created, currency, defaultSource, delinquent, description,
                email, invoicePrefix, InvoiceSettings.of(defaultPaymentMethod), livemode, metadata, name, phone,
                preferredLocales, shipping, taxExempt);
    }

    Customer delinquent(boolean value) {
        return new Customer(id, object, address, balance, created, currency, defaultSource, value, description,
                email, invoicePrefix, invoiceSettings, livemode, metadata, name, phone, preferredLocales, shipping,
                taxExempt);
    }

    /** Eight letters and digits derived from the id, like the prefix Stripe gives invoice numbers. */
    private static String invoicePrefix(String id) {
        return String.format("%08X", id.hashCode());
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record InvoiceSettings(Object customFields, String defaultPaymentMethod, String footer, Object renderingOptions) {
        static InvoiceSettings of(String defaultPaymentMethod) {
            return new InvoiceSettings(null, defaultPaymentMethod, null, null);
        }
    }
}
