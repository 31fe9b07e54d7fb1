package org.memberbus.sandbox.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntSupplier;

/** A tiny HTTP endpoint that records what it is sent and answers with the status it is told. */
final class WebhookReceiver implements AutoCloseable {

    record Delivery(String payload, String signature) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Delivery> received = new ConcurrentLinkedQueue<>();

    WebhookReceiver(IntSupplier status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks/stripe", exchange -> {
            String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Delivery(payload, exchange.getRequestHeaders().getFirst("Stripe-Signature")));
            exchange.sendResponseHeaders(status.getAsInt(), -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/stripe";
    }

    List<Delivery> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
