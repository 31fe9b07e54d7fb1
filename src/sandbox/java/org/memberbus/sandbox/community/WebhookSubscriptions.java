package org.memberbus.sandbox.community;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where activity webhooks go, registered at run time (the bus registers its own endpoint once it
 * has started). Registering a URL twice returns the first subscription, so a restarted receiver
 * does not get every event twice.
 */
class WebhookSubscriptions {

    /** {@code types} empty means every type. */
    record Subscription(String id, String url, List<String> types, Instant createdAt) {
        boolean wants(String type) {
            return types.isEmpty() || types.contains(type);
        }
    }

    record Registration(String url, List<String> types) {}

    record Subscribed(Subscription subscription, boolean created) {}

    private final Map<String, Subscription> byId = new ConcurrentSkipListMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    synchronized Subscribed subscribe(Registration registration, Instant at) {
        var url = registration.url();
        if (url == null || !validUrl(url)) {
            throw ApiException.badRequest("url", "must be an absolute http(s) URL");
        }
        var types = registration.types() == null ? List.<String>of() : List.copyOf(registration.types());
        for (var type : types) {
            if (!WebhookEvent.TYPES.contains(type) && !WebhookEvent.MODERATION_TYPES.contains(type)
                    && !WebhookEvent.GROUP_REQUEST_TYPES.contains(type)) {
                throw ApiException.badRequest("types", "unknown event type '" + type + "'; known: " + WebhookEvent.TYPES);
            }
        }
        var existing = byId.values().stream().filter(s -> s.url().equals(url)).findFirst();
        if (existing.isPresent()) {
            return new Subscribed(existing.get(), false);
        }
        var subscription = new Subscription("whsub_" + String.format("%04d", sequence.incrementAndGet()), url, types, at);
        byId.put(subscription.id(), subscription);
        return new Subscribed(subscription, true);
    }

    boolean unsubscribe(String id) {
        return byId.remove(id) != null;
    }

    Optional<Subscription> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<Subscription> all() {
        return List.copyOf(byId.values());
    }

    List<Subscription> wanting(String type) {
        return byId.values().stream().filter(s -> s.wants(type)).toList();
    }

    private static boolean validUrl(String url) {
        try {
            var uri = URI.create(url);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
