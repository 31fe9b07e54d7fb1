package org.memberbus.sandbox.webinar;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's hands on the platform (no token, outside Zoom's API): the app's event subscription
 * (what an admin sets in the Marketplace), people joining and leaving a webinar, its end, and the
 * webhook deliveries so far.
 */
@RestController
@RequestMapping("/__sandbox")
class WebinarSandboxController {

    private final WebinarPlatform platform;
    private final ZoomWebhooks webhooks;
    private final ZoomTokens tokens;

    WebinarSandboxController(WebinarPlatform platform, ZoomWebhooks webhooks, ZoomTokens tokens) {
        this.platform = platform;
        this.webhooks = webhooks;
        this.tokens = tokens;
    }

    @PutMapping("/event-subscription")
    Map<String, Object> subscribe(@RequestBody JsonNode body) {
        var url = body.path("url").asText("");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new ZoomException(400, 300, "url must be an http(s) URL.");
        }
        webhooks.subscribe(url);
        return webhooks.subscription();
    }

    @GetMapping("/event-subscription")
    Map<String, Object> subscription() {
        return webhooks.subscription();
    }

    /** {@code {"email", "name", "joinTime", "leaveTime"}}: one stay in the webinar. */
    @PostMapping("/webinars/{webinarId}/participants")
    Map<String, Object> attend(@PathVariable String webinarId, @RequestBody JsonNode body) {
        return platform.attend(webinarId, body.path("email").asText(null), body.path("name").asText(null),
                instant(body, "joinTime"), instant(body, "leaveTime"));
    }

    /**
     * {@code {"endTime"?, "webhook"?}}: the webinar ends; webinar.ended goes to the subscription,
     * unless {@code "webhook": false} (the delivery lost, so only a poll of the platform finds out).
     */
    @PostMapping("/webinars/{webinarId}/end")
    Map<String, Object> end(@PathVariable String webinarId, @RequestBody(required = false) JsonNode body) {
        return platform.end(webinarId, body == null || !body.hasNonNull("endTime") ? null : instant(body, "endTime"),
                body == null || body.path("webhook").asBoolean(true));
    }

    @GetMapping("/deliveries")
    List<Map<String, Object>> deliveries() {
        return webhooks.deliveries();
    }

    /** Every access token stops working (as when the app is deactivated and activated again). */
    @PostMapping("/tokens/revoke")
    Map<String, Object> revoke() {
        tokens.revokeAll();
        return Map.of("revoked", true);
    }

    private static Instant instant(JsonNode body, String field) {
        try {
            return Instant.parse(body.path(field).asText());
        } catch (DateTimeParseException e) {
            throw new ZoomException(400, 300, field + " must be an ISO instant.");
        }
    }
}
