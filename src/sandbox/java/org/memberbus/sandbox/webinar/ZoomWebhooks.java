package org.memberbus.sandbox.webinar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's event subscription: Zoom's webhooks to one endpoint URL, signed with the app's secret
 * token ({@code x-zm-signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<body>">},
 * {@code x-zm-request-timestamp}). Nothing is delivered before the endpoint passed Zoom's
 * {@code endpoint.url_validation} handshake (answer {@code plainToken} and
 * {@code encryptedToken = hex HMAC-SHA256(secret, plainToken)}). Deliveries are asynchronous, in no
 * guaranteed order, and retried with back-off while the endpoint does not answer 2xx.
 */
class ZoomWebhooks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZoomWebhooks.class);

    private final String secret;
    private final int maxAttempts;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ScheduledExecutorService sender = Executors.newScheduledThreadPool(2, r -> {
        var thread = new Thread(r, "webinar-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String url;
    private volatile boolean validated;
    private final List<Map<String, Object>> deliveries = new ArrayList<>();

    ZoomWebhooks(String secret, int maxAttempts, ObjectMapper json, Clock clock) {
        this.secret = secret;
        this.maxAttempts = maxAttempts;
        this.json = json;
        this.clock = clock;
    }

    /** The Marketplace app's event notification endpoint URL (validated at the first delivery). */
    synchronized void subscribe(String endpoint) {
        url = endpoint;
        validated = false;
    }

    Map<String, Object> subscription() {
        var view = new LinkedHashMap<String, Object>();
        view.put("url", url);
        view.put("validated", validated);
        return view;
    }

    synchronized List<Map<String, Object>> deliveries() {
        return List.copyOf(deliveries);
    }

    void send(String event, String accountId, Map<String, Object> object) {
        var body = new LinkedHashMap<String, Object>();
        body.put("event", event);
        body.put("event_ts", clock.millis());
        body.put("payload", Map.of("account_id", accountId, "object", object));
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        sender.execute(() -> deliver(event, text, 1));
    }

    private void deliver(String event, String body, int attempt) {
        var endpoint = url;
        int status;
        try {
            if (endpoint == null) {
                status = 0;
            } else if (!validated && !validate(endpoint)) {
                status = -1;
            } else {
                status = post(endpoint, body).statusCode();
            }
        } catch (Exception e) {
            status = 0;
        }
        synchronized (this) {
            var record = new LinkedHashMap<String, Object>();
            record.put("event", event);
            record.put("attempt", attempt);
            record.put("status", status);
            record.put("at", clock.instant().toString());
            deliveries.add(record);
        }
        if (status / 100 != 2) {
            if (attempt < maxAttempts) {
                sender.schedule(() -> deliver(event, body, attempt + 1), Math.min(30, 1L << (attempt - 1)), TimeUnit.SECONDS);
            } else {
                log.warn("webinar webhook {} not delivered after {} attempts (last status {})", event, attempt, status);
            }
        }
    }

    private boolean validate(String endpoint) throws Exception {
        var plainToken = WebinarPlatform.randomId(22);
        var body = json.writeValueAsString(Map.of("event", "endpoint.url_validation", "event_ts", clock.millis(),
                "payload", Map.of("plainToken", plainToken)));
        var answer = post(endpoint, body);
        if (answer.statusCode() != 200) {
            return false;
        }
        var reply = json.readTree(answer.body());
        boolean ok = plainToken.equals(reply.path("plainToken").asText())
                && hmac(plainToken).equals(reply.path("encryptedToken").asText());
        validated = ok;
        return ok;
    }

    private HttpResponse<String> post(String endpoint, String body) throws Exception {
        var timestamp = Long.toString(clock.instant().getEpochSecond());
        var request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Zoom Marketplace/1.0a")
                .header("x-zm-request-timestamp", timestamp)
                .header("x-zm-signature", "v0=" + hmac("v0:" + timestamp + ":" + body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String hmac(String message) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
