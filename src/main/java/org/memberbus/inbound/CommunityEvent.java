package org.memberbus.inbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Map;

/**
 * A member-activity webhook from the community platform: {@code id} is the platform's event id
 * (the de-duplication key), {@code account} says whose activity it is.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommunityEvent(
        @NotBlank String id,
        @NotBlank String type,
        @NotNull Instant created,
        @NotNull @Valid Account account,
        Map<String, Object> data) implements InboundEvent {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Account(@NotBlank String id, String crmContactId) {}

    /** The Kafka key that keeps one member's events in order: the CRM id once the member has one. */
    @Override
    public String memberKey() {
        return account.crmContactId() != null ? account.crmContactId() : "community:" + account.id();
    }
}
