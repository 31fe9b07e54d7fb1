package org.memberbus.health.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.memberbus.BusClient;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the health flow's whole-bus tests share: the demo members they may use (numbers ending in
 * 3, from 1003 up: no other test picks those), each handed to one test only; the bus's health API
 * as staff call it; and the payment gateway's Stripe API as a member's card would be charged.
 */
final class HealthSandbox {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> TAKEN = ConcurrentHashMap.newKeySet();
    static final List<DemoMember> MEMBERS = DemoAssociation.generate(LocalDate.now()).members().stream()
            .filter(m -> m.number() >= 1000 && m.number() % 10 == 3).toList();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final BusClient bus;
    private final String gateway;

    HealthSandbox(int port, String gateway) {
        this.bus = new BusClient(port);
        this.gateway = gateway;
    }

    /** Waits until the start-up backfill has seeded and scored the demo members. */
    static void awaitBackfill(JdbcTemplate jdbc) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(jdbc.queryForObject("select count(*) from health_job_run where job = 'backfill'", Integer.class))
                        .isPositive());
    }

    /** The first member not yet taken whose demo record and current health (bus API) fit. */
    DemoMember pick(Predicate<DemoMember> demo, Predicate<JsonNode> health) {
        for (DemoMember m : MEMBERS) {
            if (TAKEN.contains(m.number()) || !demo.test(m)) {
                continue;
            }
            if (health.test(health(m.crmContactId())) && TAKEN.add(m.number())) {
                return m;
            }
        }
        throw new AssertionError("no demo member ending in 3 fits");
    }

    JsonNode health(String memberId) {
        var response = bus.get("/api/v1/cs-marketing/health/" + memberId, BusClient.OPS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response.body());
    }

    static double signal(JsonNode health, String signal) {
        for (JsonNode c : health.path("contributions")) {
            if (c.path("signal").asText().equals(signal)) {
                return c.path("value").isNull() ? Double.NaN : c.path("value").asDouble();
            }
        }
        return Double.NaN;
    }

    /** A dues payment charged to the member's card at the gateway; answers the gateway's HTTP status. */
    int payDues(DemoMember m, String card) {
        String form = "amount=" + Math.round(m.dues().doubleValue() * 100) + "&currency=usd&customer=" + m.gatewayCustomerId()
                + "&payment_method=" + card + "&confirm=true"
                + "&metadata[crm_contact_id]=" + m.crmContactId() + "&metadata[type]=dues";
        var request = HttpRequest.newBuilder(URI.create(gateway + "/v1/payment_intents"))
                .header("Authorization", "Bearer sk_test_sandbox")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.replace("[", "%5B").replace("]", "%5D")));
        return send(request).statusCode();
    }

    static String encode(String s) {
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

    static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
