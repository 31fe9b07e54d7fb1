package org.memberbus.sandbox.salesforce;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The org's Change Data Capture event bus: every committed change gets the next replay id, is
 * kept for the retention window (72 hours in Salesforce) and goes to every subscriber of its
 * channel ({@code /data/ContactChangeEvent}, {@code /data/Membership__ChangeEvent}, ...) and of
 * {@code /data/ChangeEvents}. A subscriber that names a replay id first gets the retained events
 * after it, then the new ones; both happen under one lock, so nothing is missed or sent twice.
 */
final class ChangeEventLog {

    static final String ALL_CHANGES = "/data/ChangeEvents";

    /** Where one subscriber's events go (a CometD session in the running simulator). */
    interface Subscriber {
        void deliver(String channel, Map<String, Object> message);
    }

    private record Retained(long replayId, Instant at, String channel, Map<String, Object> data) {}

    private final Deque<Retained> retained = new ArrayDeque<>();
    private final Map<Subscriber, Set<String>> subscriptions = new ConcurrentHashMap<>();
    private final Duration retention;
    private final int maxRetained;
    private long lastReplayId;

    /**
     * Replay ids continue from the clock at start (milliseconds since 2025), so ids a subscriber
     * kept from an earlier run of the sandbox are older than anything retained now.
     */
    ChangeEventLog(Duration retention, int maxRetained) {
        this.retention = retention;
        this.maxRetained = maxRetained;
        this.lastReplayId = System.currentTimeMillis() - Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    }

    /** Appends one event for {@code entityChannel} and sends it to the current subscribers. */
    synchronized long publish(String entityChannel, String schema, Map<String, Object> payload) {
        long replayId = ++lastReplayId;
        var data = new LinkedHashMap<String, Object>();
        data.put("schema", schema);
        data.put("payload", payload);
        data.put("event", Map.of("replayId", replayId));
        var event = new Retained(replayId, Instant.now(), entityChannel, data);
        retained.addLast(event);
        prune();
        subscriptions.forEach((subscriber, channels) -> {
            for (String channel : channels) {
                if (matches(channel, event)) {
                    subscriber.deliver(channel, event.data());
                }
            }
        });
        return replayId;
    }

    /**
     * Whether {@code replayId} can be replayed from: -1 (new events only), -2 (all retained) or
     * an id from which every later event is still retained.
     */
    synchronized boolean canReplayFrom(long replayId) {
        if (replayId == -1 || replayId == -2) {
            return true;
        }
        prune();
        long first = retained.isEmpty() ? lastReplayId + 1 : retained.peekFirst().replayId();
        return replayId >= first - 1 && replayId <= lastReplayId;
    }

    /** Subscribes, first delivering the retained events after {@code replayFrom} (-2: all). */
    synchronized void subscribe(Subscriber subscriber, String channel, long replayFrom) {
        prune();
        if (replayFrom != -1) {
            for (Retained event : retained) {
                if ((replayFrom == -2 || event.replayId() > replayFrom) && matches(channel, event)) {
                    subscriber.deliver(channel, event.data());
                }
            }
        }
        subscriptions.computeIfAbsent(subscriber, s -> new CopyOnWriteArraySet<>()).add(channel);
    }

    synchronized void unsubscribe(Subscriber subscriber, String channel) {
        var channels = subscriptions.get(subscriber);
        if (channels != null) {
            channels.remove(channel);
            if (channels.isEmpty()) {
                subscriptions.remove(subscriber);
            }
        }
    }

    synchronized void remove(Subscriber subscriber) {
        subscriptions.remove(subscriber);
    }

    synchronized long lastReplayId() {
        return lastReplayId;
    }

    synchronized int retainedCount() {
        prune();
        return retained.size();
    }

    /** The retained events of one channel (or all), oldest first: the Bayeux {@code data} objects. */
    synchronized List<Map<String, Object>> retained(String channel) {
        prune();
        var result = new ArrayList<Map<String, Object>>();
        for (Retained event : retained) {
            if (matches(channel, event)) {
                result.add(event.data());
            }
        }
        return result;
    }

    private static boolean matches(String channel, Retained event) {
        return channel.equals(ALL_CHANGES) || channel.equals(event.channel());
    }

    private void prune() {
        var oldest = Instant.now().minus(retention);
        while (!retained.isEmpty() && (retained.size() > maxRetained || retained.peekFirst().at().isBefore(oldest))) {
            retained.removeFirst();
        }
    }
}
