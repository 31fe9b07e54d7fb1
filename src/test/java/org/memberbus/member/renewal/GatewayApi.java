package org.memberbus.member.renewal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The gateway simulator's Stripe API and sandbox controls, as a member's checkout or a test drives them. */
final class GatewayApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    GatewayApi(String base) {
        this.base = base;
    }

    /** A card payment, confirmed at once ({@code pm_card_visa}), with the given metadata. */
    JsonNode pay(String customer, long amount, Map<String, String> metadata) {
        var form = new LinkedHashMap<String, String>();
        form.put("amount", Long.toString(amount));
        form.put("currency", "usd");
        form.put("customer", customer);
        form.put("payment_method", "pm_card_visa");
        form.put("confirm", "true");
        metadata.forEach((k, v) -> form.put("metadata[" + k + "]", v));
        return post("/v1/payment_intents", form);
    }

    /** The gateway's event of this type about this object (newest first, last 100). */
    JsonNode event(String type, String objectId) {
        for (var event : get("/v1/events?limit=100&type=" + type).path("data")) {
            if (objectId.equals(event.at("/data/object/id").asText())) {
                return event;
            }
        }
        return null;
    }

    JsonNode get(String path) {
        return read(send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer sk_test_sandbox").GET()));
    }

    /** The gateway's clock, in unix seconds. */
    long now() {
        return read(send(HttpRequest.newBuilder(URI.create(base + "/__sandbox/clock")).GET())).path("now").asLong();
    }

    JsonNode advanceSeconds(long seconds) {
        return read(send(HttpRequest.newBuilder(URI.create(base + "/__sandbox/advance"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\":" + seconds + "}"))));
    }

    private JsonNode post(String path, Map<String, String> form) {
        var body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return read(send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer sk_test_sandbox")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
