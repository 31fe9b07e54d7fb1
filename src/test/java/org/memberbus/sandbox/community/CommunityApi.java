package org.memberbus.sandbox.community;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The community's REST API as an integration calls it: JSON over HTTP with the API key. */
final class CommunityApi {

    static final String KEY = "community-sandbox-key";

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    CommunityApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Answer get(String path) {
        return call("GET", path, null, Map.of("X-Api-Key", KEY));
    }

    Answer post(String path, Object body) {
        return call("POST", path, body, Map.of("X-Api-Key", KEY));
    }

    Answer put(String path, Object body) {
        return call("PUT", path, body, Map.of("X-Api-Key", KEY));
    }

    Answer patch(String path, Object body) {
        return call("PATCH", path, body, Map.of("X-Api-Key", KEY));
    }

    Answer delete(String path) {
        return call("DELETE", path, null, Map.of("X-Api-Key", KEY));
    }

    Answer call(String method, String path, Object body, Map<String, String> headers) {
        try {
            var builder = HttpRequest.newBuilder(URI.create(base + path));
            headers.forEach(builder::header);
            if (body != null) {
                builder.header("Content-Type", "application/json");
                var text = body instanceof String s ? s : json.writeValueAsString(body);
                builder.method(method, HttpRequest.BodyPublishers.ofString(text));
            } else {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            }
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            var tree = response.body().isBlank() ? null : json.readTree(response.body());
            return new Answer(response.statusCode(), tree, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
