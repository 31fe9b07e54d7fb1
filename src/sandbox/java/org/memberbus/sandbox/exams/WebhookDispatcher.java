package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exam body's outbound webhooks: endpoints registered at run time, and events delivered to
 * each of them asynchronously, signed ({@code X-Exam-Signature: t=..,v1=..}, the scheme of
 * {@link WebhookSigner}, re-signed on every attempt) and retried with exponential back-off
 * while the receiver answers 5xx or 429 or cannot be reached. Every attempt is kept in a log.
 */
final class WebhookDispatcher implements AutoCloseable {

    static final String SIGNATURE_HEADER = "X-Exam-Signature";
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    /** How deliveries are retried: attempt n waits {@code initialDelay * 2^(n-2)}, at most {@code maxDelay}. */
    record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration timeout) {

        Duration delayBefore(int attempt) {
            long millis = initialDelay.toMillis() << Math.min(attempt - 2, 30);
            return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
        }
    }

    /** A registered endpoint. */
    record Subscription(String id, String url, List<String> events, Instant createdAt) {}

    /** The event envelope, as sent. */
    record Event(String id, String type, Instant created, Object data) {}

    /** One try at delivering; {@code status} when the receiver answered, {@code error} when it could not be reached. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Attempt(int number, Instant at, Integer status, String error, long durationMs) {}

    /** One event to one endpoint. {@code state} is {@code pending}, {@code delivered} or {@code failed}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delivery(String id, String eventId, String eventType, String webhookId, String url, String state,
                    List<Attempt> attempts, Instant createdAt, Instant nextAttemptAt) {

        Delivery after(Attempt attempt, String newState, Instant next) {
            var all = new ArrayList<>(attempts);
            all.add(attempt);
            return new Delivery(id, eventId, eventType, webhookId, url, newState, List.copyOf(all), createdAt, next);
        }
    }

    private final ObjectMapper json;
    private final String secret;
    private final RetryPolicy retry;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Event> events = new ConcurrentHashMap<>();

    WebhookDispatcher(ObjectMapper json, String secret, RetryPolicy retry, Clock clock) {
        this.json = json;
        this.secret = secret;
        this.retry = retry;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(retry.timeout()).build();
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            var thread = new Thread(r, "exams-webhooks");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Registers {@code url}, or finds it registered already, so a restarted receiver is not sent everything twice. */
    synchronized Optional<Subscription> existing(String url) {
        return subscriptions.values().stream().filter(s -> s.url().equals(url)).findFirst();
    }

    synchronized Subscription subscribe(String url) {
        var existing = existing(url);
        if (existing.isPresent()) {
            return existing.get();
        }
        var subscription = new Subscription(Ids.random("wh"), url, List.of("exam.result"), clock.instant());
        subscriptions.put(subscription.id(), subscription);
        return subscription;
    }

    Optional<Subscription> unsubscribe(String id) {
        return Optional.ofNullable(subscriptions.remove(id));
    }

    List<Subscription> subscriptions() {
        return subscriptions.values().stream().sorted(Comparator.comparing(Subscription::createdAt)
                .thenComparing(Subscription::id)).toList();
    }

    /** Creates the event and sends it to every endpoint registered now. */
    Event publish(String type, Object data) {
        var event = new Event(Ids.random("evt"), type, clock.instant(), data);
        events.put(event.id(), event);
        deliver(event);
        return event;
    }

    /** Sends a known event again to every endpoint registered now (the receiver must de-duplicate). */
    Optional<Event> resend(String eventId) {
        var event = Optional.ofNullable(events.get(eventId));
        event.ifPresent(this::deliver);
        return event;
    }

    List<Delivery> deliveries(String eventId, String state) {
        return deliveries.values().stream()
                .filter(d -> eventId == null || d.eventId().equals(eventId))
                .filter(d -> state == null || d.state().equals(state))
                .sorted(Comparator.comparing(Delivery::createdAt).thenComparing(Delivery::id)).toList();
    }

    private void deliver(Event event) {
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (var subscription : subscriptions()) {
            if (!subscription.events().contains(event.type())) {
                continue;
            }
            var delivery = new Delivery(Ids.random("dlv"), event.id(), event.type(), subscription.id(),
                    subscription.url(), "pending", List.of(), clock.instant(), clock.instant());
            deliveries.put(delivery.id(), delivery);
            scheduler.execute(() -> attempt(delivery.id(), body, 1));
        }
    }

    private void attempt(String deliveryId, String body, int number) {
        var delivery = deliveries.get(deliveryId);
        var started = clock.instant();
        long timestamp = started.getEpochSecond();
        var request = HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(retry.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "ExamBodySandbox/1.0 (+webhooks)")
                .header(SIGNATURE_HEADER, WebhookSigner.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        Integer status = null;
        String error = null;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            error = e.toString();
        }
        var attempt = new Attempt(number, started, status, error,
                Duration.between(started, clock.instant()).toMillis());
        boolean delivered = status != null && status >= 200 && status < 300;
        boolean retryable = status == null || status >= 500 || status == 429;
        if (delivered) {
            deliveries.put(deliveryId, delivery.after(attempt, "delivered", null));
        } else if (retryable && number < retry.maxAttempts() && !scheduler.isShutdown()) {
            var wait = retry.delayBefore(number + 1);
            deliveries.put(deliveryId, delivery.after(attempt, "pending", clock.instant().plus(wait)));
            log.info("exam webhook {} to {}: attempt {} got {}, retrying in {} ms", delivery.eventId(),
                    delivery.webhookId(), number, status != null ? status : error, wait.toMillis());
            try {
                scheduler.schedule(() -> attempt(deliveryId, body, number + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                // the simulator is stopping; the log shows the delivery as pending
            }
        } else {
            deliveries.put(deliveryId, delivery.after(attempt, "failed", null));
            log.warn("exam webhook {} to {} failed after {} attempt(s): {}", delivery.eventId(),
                    delivery.webhookId(), number, status != null ? status : error);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
