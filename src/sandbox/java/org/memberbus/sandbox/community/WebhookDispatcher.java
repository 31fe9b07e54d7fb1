package org.memberbus.sandbox.community;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends activity webhooks to every subscription, asynchronously, signed the Stripe way
 * ({@code X-Community-Signature: t=...,v1=...}, re-signed at each attempt). A 2xx ends the
 * delivery; so does any 4xx but 429 (the receiver refused the event itself). A 5xx, a 429, a
 * timeout or an unreachable receiver is retried after 0.5 s, 1 s, 2 s, ... up to the attempt limit.
 * Every delivery is kept in a log the API lists.
 */
class WebhookDispatcher implements AutoCloseable {

    static final String SIGNATURE_HEADER = "X-Community-Signature";
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int LOG_LIMIT = 10_000;

    enum State { PENDING, RETRYING, DELIVERED, FAILED }

    record Delivery(String id, String eventId, String type, String subscriptionId, String url, State state,
                    int attempts, Integer lastStatus, String lastError, Instant createdAt, Instant lastAttemptAt,
                    Instant nextAttemptAt) {

        Delivery attempted(State next, Integer status, String error, Instant at, Instant nextAt) {
            return new Delivery(id, eventId, type, subscriptionId, url, next, attempts + 1, status, error, createdAt,
                    at, nextAt);
        }
    }

    /** How hard to try. */
    record Policy(String secret, int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration timeout) {}

    private final WebhookSubscriptions subscriptions;
    private final ObjectMapper json;
    private final Clock clock;
    private final Policy policy;
    private final NavigableMap<String, Delivery> deliveries = new ConcurrentSkipListMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService httpThreads;
    private final HttpClient http;

    WebhookDispatcher(WebhookSubscriptions subscriptions, ObjectMapper json, Clock clock, Policy policy) {
        this.subscriptions = subscriptions;
        this.json = json;
        this.clock = clock;
        this.policy = policy;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("community-webhooks"));
        this.httpThreads = Executors.newFixedThreadPool(2, daemon("community-webhooks-http"));
        this.http = HttpClient.newBuilder()
                .executor(httpThreads)
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Emits an event about {@code account} to every subscriber of its type; answers the envelope sent. */
    WebhookEvent publish(String type, Account account, Map<String, Object> data) {
        var event = new WebhookEvent("evt_" + UUID.randomUUID().toString().replace("-", ""), type,
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                new WebhookEvent.AccountRef(account.id(), account.crmContactId()), data);
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise webhook event", e);
        }
        for (var subscription : subscriptions.wanting(type)) {
            var delivery = new Delivery("whd_" + String.format("%08d", sequence.incrementAndGet()), event.id(), type,
                    subscription.id(), subscription.url(), State.PENDING, 0, null, null, clock.instant(), null,
                    clock.instant());
            deliveries.put(delivery.id(), delivery);
            scheduler.execute(() -> attempt(delivery.id(), body));
        }
        while (deliveries.size() > LOG_LIMIT) {
            deliveries.pollFirstEntry();
        }
        return event;
    }

    List<Delivery> deliveries(String eventId, String type, State state) {
        return deliveries.values().stream()
                .filter(d -> eventId == null || eventId.equals(d.eventId()))
                .filter(d -> type == null || type.equals(d.type()))
                .filter(d -> state == null || state == d.state())
                .toList();
    }

    private void attempt(String deliveryId, String body) {
        var delivery = deliveries.get(deliveryId);
        if (delivery == null) {
            return;
        }
        if (subscriptions.find(delivery.subscriptionId()).isEmpty()) {
            deliveries.put(deliveryId, delivery.attempted(State.FAILED, null, "subscription deleted", clock.instant(), null));
            return;
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(policy.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "memberbus-community-simulator/1.0")
                    .header(SIGNATURE_HEADER, WebhookSigner.sign(policy.secret(), clock.instant().getEpochSecond(), body))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        } catch (IllegalArgumentException e) {
            deliveries.put(deliveryId, delivery.attempted(State.FAILED, null, e.getMessage(), clock.instant(), null));
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> settle(deliveryId, body,
                        response == null ? null : response.statusCode(), error));
    }

    private void settle(String deliveryId, String body, Integer status, Throwable error) {
        var delivery = deliveries.get(deliveryId);
        if (delivery == null) {
            return;
        }
        var now = clock.instant();
        var cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        var reason = cause == null ? null : cause.getClass().getSimpleName()
                + (cause.getMessage() != null ? ": " + cause.getMessage() : "");
        boolean retryable = status == null || status >= 500 || status == 429;
        int attempt = delivery.attempts() + 1;
        if (status != null && status >= 200 && status < 300) {
            deliveries.put(deliveryId, delivery.attempted(State.DELIVERED, status, null, now, null));
        } else if (!retryable || attempt >= policy.maxAttempts()) {
            deliveries.put(deliveryId, delivery.attempted(State.FAILED, status, reason, now, null));
            log.warn("Webhook {} ({}) to subscription {} failed after {} attempt(s): {}", delivery.eventId(),
                    delivery.type(), delivery.subscriptionId(), attempt, status != null ? "HTTP " + status : reason);
        } else {
            var wait = backoff(attempt);
            deliveries.put(deliveryId, delivery.attempted(State.RETRYING, status, reason, now, now.plus(wait)));
            try {
                scheduler.schedule(() -> attempt(deliveryId, body), wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                // the simulator is stopping; the delivery stays RETRYING in the log
            }
        }
    }

    /** The wait after the {@code attempt}-th failure: initial, 2x, 4x, ..., capped. */
    private Duration backoff(int attempt) {
        long millis = policy.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, policy.maxBackoff().toMillis()));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        httpThreads.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        var counter = new AtomicInteger();
        return runnable -> {
            var thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
