package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client for the exam body's API and sandbox controls, as the bus would call them. */
final class SimulatorClient {

    static final String API_KEY = "exams-sandbox-key";
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    record Response(int status, JsonNode json, HttpHeaders headers) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    SimulatorClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Response get(String path) {
        return send("GET", path, null, Map.of("X-Api-Key", API_KEY));
    }

    Response post(String path, Object body) {
        return send("POST", path, body, Map.of("X-Api-Key", API_KEY));
    }

    Response delete(String path) {
        return send("DELETE", path, null, Map.of("X-Api-Key", API_KEY));
    }

    Response send(String method, String path, Object body, Map<String, String> headers) {
        try {
            var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
            headers.forEach(builder::header);
            if (body != null) {
                builder.header("Content-Type", "application/json");
                var text = body instanceof String s ? s : JSON.writeValueAsString(body);
                builder.method(method, HttpRequest.BodyPublishers.ofString(text));
            } else {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            }
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            var json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), json, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
