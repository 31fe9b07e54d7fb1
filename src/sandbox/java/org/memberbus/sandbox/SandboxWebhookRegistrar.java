package org.memberbus.sandbox;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Once the bus listens, it subscribes its webhook endpoints at the simulated partners, the way
 * an administrator registers them in each partner's console in production: the community
 * platform, the exam body, and the payment gateway (Stripe's webhook_endpoints API). In the
 * partners role no bus runs here: the partners process registers {@code sandbox.bus-url} instead.
 */
@Component
@Profile("sandbox")
class SandboxWebhookRegistrar implements ApplicationListener<ServletWebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(SandboxWebhookRegistrar.class);

    private final RestClient http = RestClient.create();
    private final String community;
    private final String communityKey;
    private final String exams;
    private final String examsKey;
    private final String gateway;
    private final String gatewayKey;
    private final String webinar;

    SandboxWebhookRegistrar(@Value("${memberbus.community.url}") String community,
                            @Value("${memberbus.community.api-key}") String communityKey,
                            @Value("${memberbus.exams.url}") String exams,
                            @Value("${memberbus.exams.api-key}") String examsKey,
                            @Value("${memberbus.gateway.url}") String gateway,
                            @Value("${memberbus.gateway.api-key}") String gatewayKey,
                            @Value("${sandbox.webinar.admin-url:http://127.0.0.1:${sandbox.webinar.port}}") String webinar) {
        this.community = community;
        this.communityKey = communityKey;
        this.exams = exams;
        this.examsKey = examsKey;
        this.gateway = gateway;
        this.gatewayKey = gatewayKey;
        this.webinar = webinar;
    }

    @Override
    public void onApplicationEvent(ServletWebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return; // a management server on its own port, not the bus's
        }
        register("http://localhost:" + event.getWebServer().getPort());
    }

    /** Subscribes the bus at {@code bus} (its base URL) at the simulators that send webhooks. */
    void register(String bus) {
        register("community", () -> http.post().uri(community + "/api/v1/webhook-subscriptions")
                .header("X-Api-Key", communityKey).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("url", bus + "/webhooks/community")).retrieve().toBodilessEntity());
        register("exams", () -> http.post().uri(exams + "/api/v1/webhooks")
                .header("X-Api-Key", examsKey).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("url", bus + "/webhooks/exams")).retrieve().toBodilessEntity());
        var form = new LinkedMultiValueMap<String, String>();
        form.add("url", bus + "/webhooks/gateway");
        form.add("enabled_events[]", "*");
        register("gateway", () -> http.post().uri(gateway + "/v1/webhook_endpoints")
                .header("Authorization", "Bearer " + gatewayKey).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form).retrieve().toBodilessEntity());
        // the webinar platform's app event subscription (Zoom: set in the Marketplace, not by API)
        register("webinar", () -> http.put().uri(webinar + "/__sandbox/event-subscription")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("url", bus + "/webhooks/webinar")).retrieve().toBodilessEntity());
    }

    private static void register(String partner, Runnable call) {
        try {
            call.run();
            log.info("Webhook endpoint registered at the {} simulator", partner);
        } catch (RuntimeException e) {
            log.warn("Could not register the webhook endpoint at the {} simulator: {}", partner, e.getMessage());
        }
    }
}
