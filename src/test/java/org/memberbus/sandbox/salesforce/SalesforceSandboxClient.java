package org.memberbus.sandbox.salesforce;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.impl.DefaultCamelContext;

/** Test helpers: plain HTTP to the simulator, and a Camel context with a real salesforce component. */
final class SalesforceSandboxClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    SalesforceSandboxClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    /** A Camel context whose "salesforce" component logs in as the bus would, at http://localhost:port. */
    static CamelContext camel(int port) {
        var component = new SalesforceComponent();
        component.setLoginUrl("http://localhost:" + port);
        component.setClientId("memberbus-sandbox");
        component.setClientSecret("sandbox-secret");
        component.setUserName("integration@memberbus.sandbox");
        component.setPassword("sandbox");
        component.setAuthenticationType(AuthenticationType.USERNAME_PASSWORD);
        component.setPackages("org.memberbus.crm.dto");
        var context = new DefaultCamelContext();
        context.addComponent("salesforce", component);
        return context;
    }

    record Response(int status, String body, java.net.http.HttpHeaders headers) {
        Map<String, Object> json() {
            return read(body, new TypeReference<>() {});
        }

        java.util.List<Map<String, Object>> jsonArray() {
            return read(body, new TypeReference<>() {});
        }
    }

    static <T> T read(String body, TypeReference<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException(body, e);
        }
    }

    Response send(String method, String path, String token, Object body) {
        try {
            var builder = HttpRequest.newBuilder(URI.create(base + path));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            var publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
            builder.header("Content-Type", "application/json").method(method, publisher);
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response form(String path, Map<String, String> fields) {
        var body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            var request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs in with the password grant and returns the access token. */
    String login() {
        var response = form("/services/oauth2/token", Map.of("grant_type", "password", "client_id",
                "memberbus-sandbox", "client_secret", "sandbox-secret", "username", "integration@memberbus.sandbox",
                "password", "sandbox"));
        return (String) response.json().get("access_token");
    }

    Map<String, Object> faults(Map<String, Object> faults) {
        return send("POST", "/__sandbox/faults", null, faults).json();
    }

    void clearFaults() {
        send("DELETE", "/__sandbox/faults", null, null);
    }

    long apiCalls() {
        return ((Number) send("GET", "/__sandbox/api-calls", null, null).json().get("total")).longValue();
    }

    long lastReplayId() {
        return ((Number) send("GET", "/__sandbox/change-events", null, null).json().get("lastReplayId")).longValue();
    }
}
