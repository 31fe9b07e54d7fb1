package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * Stripe's WebhookEndpoint object. Like Stripe, the signing {@code secret} is shown only in the
 * answer to the create call; every endpoint of the sandbox signs with the configured secret.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record WebhookEndpoint(String id, String object, String apiVersion, String application, long created,
                       String description, List<String> enabledEvents, boolean livemode,
                       Map<String, String> metadata, @JsonInclude(JsonInclude.Include.NON_NULL) String secret,
                       String status, String url) implements ApiObject {

    boolean wants(String eventType) {
        return status.equals("enabled") && (enabledEvents.contains("*") || enabledEvents.contains(eventType));
    }

    WebhookEndpoint withoutSecret() {
        return new WebhookEndpoint(id, object, apiVersion, application, created, description, enabledEvents,
                livemode, metadata, null, status, url);
    }

    WebhookEndpoint update(String description, List<String> enabledEvents, Map<String, String> metadata,
                           String status, String url) {
        return new WebhookEndpoint(id, object, apiVersion, application, created, description, enabledEvents,
                livemode, metadata, secret, status, url);
    }
}
