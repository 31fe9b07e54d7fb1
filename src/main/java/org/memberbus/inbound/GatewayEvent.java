package org.memberbus.inbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * A payment gateway event (Stripe's Event object): {@code id} is the de-duplication key,
 * {@code data.object} the payment intent, charge, refund or invoice it is about.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GatewayEvent(@NotBlank String id, @NotBlank String type, long created, @NotNull @Valid Data data)
        implements InboundEvent {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(@NotNull Map<String, Object> object) {}

    /**
     * The member's CRM id from the object's metadata (for an invoice, its subscription's metadata
     * under {@code parent.subscription_details}, as Stripe copies it), else the gateway customer.
     */
    @Override
    public String memberKey() {
        var id = crmContactId(data.object().get("metadata"));
        if (id == null && data.object().get("parent") instanceof Map<?, ?> parent
                && parent.get("subscription_details") instanceof Map<?, ?> subscription) {
            id = crmContactId(subscription.get("metadata"));
        }
        return id != null ? id : "gateway:" + data.object().getOrDefault("customer", data.object().get("id"));
    }

    private static String crmContactId(Object metadata) {
        return metadata instanceof Map<?, ?> m && m.get("crm_contact_id") instanceof String id && !id.isBlank() ? id : null;
    }
}
