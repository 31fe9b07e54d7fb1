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

    /** The member's CRM id from the object's metadata, else the gateway customer. */
    @Override
    public String memberKey() {
        if (data.object().get("metadata") instanceof Map<?, ?> metadata && metadata.get("crm_contact_id") instanceof String id
                && !id.isBlank()) {
            return id;
        }
        return "gateway:" + data.object().getOrDefault("customer", data.object().get("id"));
    }
}
