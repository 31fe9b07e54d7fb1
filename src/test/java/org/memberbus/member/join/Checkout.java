package org.memberbus.member.join;

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

/**
 * Pays for a membership application the way the community's checkout does: a payment intent at the
 * gateway (Stripe API, form-encoded) confirmed at once with a test card, carrying the join in its
 * metadata. The gateway then sends its events to the bus's webhook by itself.
 */
final class Checkout {

    static final String VISA = "pm_card_visa";
    static final String DECLINED = "pm_card_chargeDeclined";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String apiKey;

    Checkout(String gateway, String apiKey) {
        this.gateway = gateway;
        this.apiKey = apiKey;
    }

    /** The join's metadata as the checkout sets it. */
    static Map<String, String> joinMetadata(String applicationId, String accountId, String level, String email) {
        var metadata = new LinkedHashMap<String, String>();
        metadata.put("purpose", "membership_join");
        if (applicationId != null) {
            metadata.put("application_id", applicationId);
        }
        metadata.put("community_account_id", accountId);
        if (level != null) {
            metadata.put("level", level);
        }
        metadata.put("email", email);
        return metadata;
    }

    /** The payment intent (succeeded) or the gateway's error (a declined card: 402, error.payment_intent). */
    JsonNode pay(String paymentMethod, long amountInCents, Map<String, String> metadata) {
        var form = new LinkedHashMap<String, String>();
        form.put("amount", Long.toString(amountInCents));
        form.put("currency", "usd");
        form.put("confirm", "true");
        form.put("payment_method", paymentMethod);
        form.put("description", "Membership dues");
        metadata.forEach((k, v) -> form.put("metadata[" + k + "]", v));
        var body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/payment_intents"))
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
