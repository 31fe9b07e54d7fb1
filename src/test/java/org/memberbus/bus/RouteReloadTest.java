package org.memberbus.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.SandboxTest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * An engineer edits a route file; the running bus picks the change up without a restart.
 * (A sandbox of its own: a reload replaces routes while they run, which the other tests'
 * shared sandbox must not see.)
 */
@SandboxTest
@DirtiesContext
@TestPropertySource(properties = "sandbox.test.purpose=route-reload")
class RouteReloadTest {

    @LocalServerPort int port;
    @Value("${memberbus.routes-dir}") Path routesDir;

    @Test
    void anEditedRouteFileTakesEffectWhileTheBusRuns() throws Exception {
        var file = routesDir.resolve("webhook-sources.camel.yaml");
        var original = Files.readString(file);
        var answer = "${exchangeProperty.eventId}, 'accepted')";
        assertThat(original).contains(answer);
        try {
            Files.writeString(file, original.replace(answer, "${exchangeProperty.eventId}, 'received')"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(post().body()).contains("\"status\":\"received\""));
        } finally {
            Files.writeString(file, original);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(post().body()).contains("\"status\":\"accepted\""));
    }

    private java.net.http.HttpResponse<String> post() {
        return new BusClient(port).communityWebhook("""
                {"id":"evt_reload_%s","type":"content.viewed","created":"2026-11-23T10:00:00Z",
                 "account":{"id":"cm_000007","crmContactId":"003DM0000000007AAA"},"data":{}}""".formatted(UUID.randomUUID()));
    }
}
