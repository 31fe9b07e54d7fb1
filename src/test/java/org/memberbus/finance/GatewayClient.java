package org.memberbus.finance;

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
 * The payment gateway (Stripe API, form-encoded) as the community's checkout and the sandbox's
 * controls reach it from outside: a card or ACH payment carrying its purpose in metadata, reads,
 * and the sandbox's hands on the bank (ACH settlement) and the card network (dispute outcome).
 */
final class GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String apiKey;

    GatewayClient(String base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    static Map<String, String> joinMetadata(String applicationId, String accountId, String level, String email) {
        var metadata = new LinkedHashMap<String, String>();
        metadata.put("purpose", "membership_join");
        metadata.put("application_id", applicationId);
        metadata.put("community_account_id", accountId);
        metadata.put("level", level);
        metadata.put("email", email);
        return metadata;
    }

    JsonNode payByCard(String paymentMethod, long cents, Map<String, String> metadata) {
        var form = new LinkedHashMap<String, String>();
        form.put("amount", Long.toString(cents));
        form.put("currency", "usd");
        form.put("confirm", "true");
        form.put("payment_method", paymentMethod);
        metadata.forEach((k, v) -> form.put("metadata[" + k + "]", v));
        return post("/v1/payment_intents", form);
    }

    /** An ACH debit from one of Stripe's test accounts, with the customer's mandate, as a checkout sends it. */
    JsonNode payByBank(String accountNumber, long cents, Map<String, String> metadata) {
        var method = post("/v1/payment_methods", Map.of("type", "us_bank_account",
                "us_bank_account[routing_number]", "110000000", "us_bank_account[account_number]", accountNumber,
                "us_bank_account[account_holder_type]", "individual", "billing_details[name]", "Grace Hopper"));
        var form = new LinkedHashMap<String, String>();
        form.put("amount", Long.toString(cents));
        form.put("currency", "usd");
        form.put("confirm", "true");
        form.put("payment_method_types[]", "us_bank_account");
        form.put("payment_method", method.path("id").asText());
        form.put("mandate_data[customer_acceptance][type]", "offline");
        metadata.forEach((k, v) -> form.put("metadata[" + k + "]", v));
        return post("/v1/payment_intents", form);
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + apiKey).GET());
    }

    /** The bank answers the ACH debit now (the sandbox's control; Stripe's takes days). */
    JsonNode settleAch(String paymentIntent) {
        return send(HttpRequest.newBuilder(URI.create(base + "/__sandbox/ach/" + paymentIntent + "/settle"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The card network decides the dispute (the sandbox's control). */
    JsonNode closeDispute(String disputeId, String status) {
        return send(HttpRequest.newBuilder(URI.create(base + "/__sandbox/disputes/" + disputeId + "/close"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\"}")));
    }

    /** The gateway's fault switches ({@code {"errorRate":1.0}}); {@code null} clears them. */
    void faults(String json) {
        var request = HttpRequest.newBuilder(URI.create(base + "/__sandbox/faults"));
        send(json == null ? request.DELETE()
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * A recurring gift as the community's checkout starts it: a customer with a default card, a
     * recurring price, and a subscription carrying the donation's metadata (Stripe copies it to
     * every invoice). The first charge is made at once.
     */
    JsonNode subscribe(String email, long cents, String interval, Map<String, String> metadata) {
        var customer = post("/v1/customers", Map.of("email", email, "payment_method", "pm_card_visa",
                "invoice_settings[default_payment_method]", "pm_card_visa"));
        var price = post("/v1/prices", Map.of("currency", "usd", "unit_amount", Long.toString(cents),
                "recurring[interval]", interval, "product_data[name]", "Recurring gift"));
        var form = new LinkedHashMap<String, String>();
        form.put("customer", customer.path("id").asText());
        form.put("items[0][price]", price.path("id").asText());
        metadata.forEach((k, v) -> form.put("metadata[" + k + "]", v));
        return post("/v1/subscriptions", form);
    }

    /** Moves the gateway's clock (a Stripe test clock): subscriptions that fall due renew and charge. */
    JsonNode advanceSeconds(long seconds) {
        return send(HttpRequest.newBuilder(URI.create(base + "/__sandbox/advance"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\":" + seconds + "}")));
    }

    JsonNode post(String path, Map<String, String> form) {
        var body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
