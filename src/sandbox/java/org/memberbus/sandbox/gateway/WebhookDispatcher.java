package org.memberbus.sandbox.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to webhook endpoints the way Stripe does: an HTTP POST of the event JSON, signed
 * in {@code Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "t.payload")>}, asynchronously,
 * and again with exponential back-off while the endpoint answers other than 2xx or cannot be
 * reached, up to a bounded number of attempts. Every attempt is kept for
 * {@code GET /__sandbox/deliveries}.
 */
final class WebhookDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int KEPT_ATTEMPTS = 10_000;

    /** One delivery attempt; {@code outcome} is delivered, retrying, failed or abandoned. */
    record Attempt(String eventId, String eventType, String endpointId, String url, int attempt, Instant at,
                   Integer status, String error, String outcome, Instant nextAttemptAt) {}

    private final GatewayState state;
    private final GatewaySettings settings;
    private final Clock realClock;
    private final HttpClient http;
    private final ScheduledExecutorService executor;
    private final ConcurrentLinkedDeque<Attempt> attempts = new ConcurrentLinkedDeque<>();

    WebhookDispatcher(GatewayState state, GatewaySettings settings, Clock realClock) {
        this.state = state;
        this.settings = settings;
        this.realClock = realClock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.webhookTimeout()).build();
        this.executor = Executors.newScheduledThreadPool(2, runnable -> {
            var thread = new Thread(runnable, "gateway-webhooks");
            thread.setDaemon(true);
            return thread;
        });
    }

    void deliver(Event event, String payload, List<WebhookEndpoint> endpoints, Runnable onDelivered) {
        for (var endpoint : endpoints) {
            executor.execute(() -> attempt(event, payload, endpoint.id(), 1, onDelivered));
        }
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    private void attempt(Event event, String payload, String endpointId, int number, Runnable onDelivered) {
        var endpoint = state.webhookEndpoints.get(endpointId);
        if (endpoint == null || !endpoint.status().equals("enabled")) {
            record(new Attempt(event.id(), event.type(), endpointId, endpoint == null ? null : endpoint.url(), number,
                    realClock.instant(), null, "endpoint deleted or disabled", "abandoned", null));
            return;
        }
        Integer status = null;
        String error = null;
        try {
            var request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                    .timeout(settings.webhookTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                    .header("Stripe-Signature", signature(endpoint.secret(), realClock.instant().getEpochSecond(), payload))
                    .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        var at = realClock.instant();
        if (status != null && status >= 200 && status < 300) {
            record(new Attempt(event.id(), event.type(), endpointId, endpoint.url(), number, at, status, null, "delivered", null));
            onDelivered.run();
        } else if (number < settings.webhookMaxAttempts()) {
            // exponential back-off: initial, 2 × initial, 4 × initial, ...
            Duration delay = settings.webhookRetryInitial().multipliedBy(1L << Math.min(number - 1, 20));
            record(new Attempt(event.id(), event.type(), endpointId, endpoint.url(), number, at, status, error,
                    "retrying", at.plus(delay)));
            executor.schedule(() -> attempt(event, payload, endpointId, number + 1, onDelivered),
                    delay.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            log.warn("Gave up delivering {} {} to webhook endpoint {} after {} attempts", event.type(), event.id(),
                    endpointId, number);
            record(new Attempt(event.id(), event.type(), endpointId, endpoint.url(), number, at, status, error, "failed", null));
        }
    }

    private void record(Attempt attempt) {
        attempts.addLast(attempt);
        while (attempts.size() > KEPT_ATTEMPTS) {
            attempts.pollFirst();
        }
    }

    /** Stripe's scheme: HMAC-SHA256 with the endpoint secret over "{timestamp}.{payload}". */
    static String signature(String secret, long timestamp, String payload) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            var digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
