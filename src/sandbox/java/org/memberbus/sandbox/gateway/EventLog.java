package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what happens as Stripe Event objects ({@code GET /v1/events}) and hands each to the
 * webhook endpoints that want its type. The payload is serialized once, here, so the bytes that
 * are signed are the bytes that are sent.
 */
final class EventLog {

    private final GatewayState state;
    private final GatewaySettings settings;
    private final ObjectMapper json;
    private final WebhookDispatcher dispatcher;
    private final Map<String, AtomicInteger> pendingWebhooks = new ConcurrentHashMap<>();

    EventLog(GatewayState state, GatewaySettings settings, ObjectMapper json, WebhookDispatcher dispatcher) {
        this.state = state;
        this.settings = settings;
        this.json = json;
        this.dispatcher = dispatcher;
    }

    Event publish(String type, Object object, ApiRequest request, long at) {
        return publish(type, object, null, request, at);
    }

    /** An event; with {@code before}, its {@code previous_attributes} are the fields that changed. */
    Event publish(String type, Object object, Object before, ApiRequest request, long at) {
        var endpoints = state.webhookEndpoints.stream().filter(e -> e.wants(type)).toList();
        var event = new Event(Ids.next("evt"), "event", settings.apiVersion(), at,
                new Event.Data(object, before == null ? null : changed(before, object)), false, endpoints.size(),
                new Event.Request(request.id(), request.idempotencyKey()), type);
        state.events.put(event);
        if (!endpoints.isEmpty()) {
            var pending = new AtomicInteger(endpoints.size());
            pendingWebhooks.put(event.id(), pending);
            dispatcher.deliver(event, serialize(event), endpoints, pending::decrementAndGet);
        }
        return event;
    }

    /** The event as it stands now: {@code pending_webhooks} counts endpoints not yet reached. */
    Event current(Event event) {
        var pending = pendingWebhooks.get(event.id());
        return event.withPendingWebhooks(pending == null ? 0 : Math.max(0, pending.get()));
    }

    private Map<String, Object> changed(Object before, Object after) {
        JsonNode old = json.valueToTree(before);
        JsonNode now = json.valueToTree(after);
        var previous = new LinkedHashMap<String, Object>();
        old.fieldNames().forEachRemaining(field -> {
            if (!old.get(field).equals(now.get(field))) {
                previous.put(field, json.convertValue(old.get(field), Object.class));
            }
        });
        return previous;
    }

    private String serialize(Event event) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize event " + event.id(), e);
        }
    }
}
