package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * Stripe's Event object. {@code data.object} is a snapshot of the object when the event happened;
 * {@code previous_attributes} (on {@code *.updated} events) holds the old values of what changed.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Event(String id, String object, String apiVersion, long created, Data data, boolean livemode,
             int pendingWebhooks, Request request, String type) implements ApiObject {

    Event withPendingWebhooks(int pending) {
        return new Event(id, object, apiVersion, created, data, livemode, pending, request, type);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Data(Object object, @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> previousAttributes) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Request(String id, String idempotencyKey) {}
}
