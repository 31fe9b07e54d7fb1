package org.memberbus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.memberbus.inbound.WebhookSignature;

/** Talks to a running bus from the outside, as a partner or an operator would. */
public final class BusClient {

    public static final String OPS = "ops:sandbox";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public BusClient(int port) {
        this.base = "http://localhost:" + port;
    }

    /** POSTs a community webhook signed with the sandbox's shared secret. */
    public HttpResponse<String> communityWebhook(String body) {
        var signature = WebhookSignature.sign("whsec_community_sandbox", System.currentTimeMillis() / 1000, body);
        return post("/webhooks/community", body, "X-Community-Signature", signature);
    }

    /** POSTs a payment gateway (Stripe) webhook signed with the sandbox's shared secret. */
    public HttpResponse<String> gatewayWebhook(String body) {
        var signature = WebhookSignature.sign("whsec_gateway_sandbox", System.currentTimeMillis() / 1000, body);
        return post("/webhooks/gateway", body, "Stripe-Signature", signature);
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** POST as the sandbox's demo operator. */
    public HttpResponse<String> postAs(String user, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", basic(user))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    /** GET with the sandbox's demo operator, or anonymously when {@code user} is null. */
    public HttpResponse<String> get(String path, String user) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return send(request);
    }

    /** GET with the given headers (name, value, ...) and no user. */
    public HttpResponse<String> getWithHeaders(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).headers(headers).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
