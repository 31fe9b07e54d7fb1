package org.memberbus.sandbox.community;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny webhook endpoint on a free port, as the bus would be: records every call, and can be
 * told to answer an error to the first few deliveries about a given account.
 */
final class WebhookReceiver implements AutoCloseable {

    record Call(String signature, String body, JsonNode json, int answered) {}

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, Integer> failureStatus = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks/community", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var tree = json.readTree(body);
            var account = tree.path("account").path("id").asText();
            var left = failuresLeft.get(account);
            int status = left != null && left.getAndDecrement() > 0 ? failureStatus.get(account) : 200;
            calls.add(new Call(exchange.getRequestHeaders().getFirst("X-Community-Signature"), body, tree, status));
            var answer = "{\"status\":\"received\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/community";
    }

    /** Answers {@code status} to the next {@code times} deliveries about {@code accountId}. */
    void fail(String accountId, int times, int status) {
        failureStatus.put(accountId, status);
        failuresLeft.put(accountId, new AtomicInteger(times));
    }

    List<Call> callsFor(String eventId) {
        return calls.stream().filter(c -> eventId.equals(c.json().path("id").asText())).toList();
    }

    List<Call> callsAbout(String accountId) {
        return calls.stream().filter(c -> accountId.equals(c.json().path("account").path("id").asText())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
