package org.memberbus.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.memberbus.inbound.InboundRejectedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The webinar platform's webhooks as Zoom signs them: {@code x-zm-signature: v0=<hex HMAC-SHA256
 * of "v0:" + x-zm-request-timestamp + ":" + body>} with the app's secret token, refused when the
 * timestamp is outside the tolerance (a captured call cannot be replayed later). Also answers
 * Zoom's {@code endpoint.url_validation} handshake. No secret configured: every call is refused.
 */
@Component("webinarWebhooks")
public class WebinarWebhooks {

    /** A webhook, read: {@code event} and what the bus uses of its payload. */
    public record Event(String event, String webinarId, String uuid, Instant startTime, Instant endTime, String plainToken,
                        String topic, Integer durationMinutes) {

        public boolean validation() {
            return "endpoint.url_validation".equals(event);
        }

        public boolean ended() {
            return "webinar.ended".equals(event);
        }

        public boolean created() {
            return "webinar.created".equals(event);
        }
    }

    private final String secret;
    private final long toleranceSeconds;
    private final ObjectMapper json;
    private final Clock clock;

    @Autowired
    WebinarWebhooks(@Value("${memberbus.webinar.webhook-secret:}") String secret,
                    @Value("${memberbus.webhooks.tolerance-seconds}") long toleranceSeconds, ObjectMapper json) {
        this(secret, toleranceSeconds, json, Clock.systemUTC());
    }

    WebinarWebhooks(String secret, long toleranceSeconds, ObjectMapper json, Clock clock) {
        this.secret = secret == null ? "" : secret;
        this.toleranceSeconds = toleranceSeconds;
        this.json = json;
        this.clock = clock;
    }

    public Event read(String body, String signature, String timestamp) {
        if (secret.isEmpty()) {
            throw new InboundRejectedException(401, "webinar webhooks are not configured (no secret token)");
        }
        if (signature == null || timestamp == null) {
            throw new InboundRejectedException(401, "missing x-zm-signature or x-zm-request-timestamp");
        }
        long at;
        try {
            at = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new InboundRejectedException(401, "x-zm-request-timestamp is not a number");
        }
        // Zoom sends seconds; a sender in milliseconds is read as such
        if (at > 100_000_000_000L) {
            at /= 1000;
        }
        if (Math.abs(clock.instant().getEpochSecond() - at) > toleranceSeconds) {
            throw new InboundRejectedException(401, "signature timestamp outside the tolerance of " + toleranceSeconds + " s");
        }
        var expected = ("v0=" + hmac("v0:" + timestamp.trim() + ":" + body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new InboundRejectedException(401, "signature does not match the body");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InboundRejectedException(400, "the body is not JSON");
        }
        var event = root.path("event").asText("");
        if (event.isEmpty()) {
            throw new InboundRejectedException(400, "event is required");
        }
        var payload = root.path("payload");
        if ("endpoint.url_validation".equals(event)) {
            var plain = payload.path("plainToken").asText("");
            if (plain.isEmpty()) {
                throw new InboundRejectedException(400, "payload.plainToken is required");
            }
            return new Event(event, null, null, null, null, plain, null, null);
        }
        var object = payload.path("object");
        var webinarId = object.path("id").asText("");
        if (event.startsWith("webinar.") && webinarId.isEmpty()) {
            throw new InboundRejectedException(400, "payload.object.id (the webinar) is required");
        }
        Instant start = instant(object, "start_time");
        Instant end = instant(object, "end_time");
        if ("webinar.ended".equals(event) && (start == null || end == null || end.isBefore(start))) {
            throw new InboundRejectedException(400, "webinar.ended needs payload.object.start_time and end_time");
        }
        if ("webinar.created".equals(event) && (start == null || object.path("topic").asText("").isBlank())) {
            throw new InboundRejectedException(400, "webinar.created needs payload.object.topic and start_time");
        }
        var duration = object.path("duration");
        return new Event(event, webinarId, object.path("uuid").asText(null), start, end, null, object.path("topic").asText(null),
                duration.canConvertToInt() && duration.asInt() > 0 ? duration.asInt() : null);
    }

    /** Zoom's handshake answer: the plain token and its HMAC with the secret token. */
    public Map<String, Object> validationAnswer(String plainToken) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("plainToken", plainToken);
        answer.put("encryptedToken", hmac(plainToken));
        return answer;
    }

    private static Instant instant(JsonNode object, String field) {
        var text = object.path(field).asText("");
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InboundRejectedException(400, "payload.object." + field + " is not an ISO instant");
        }
    }

    private String hmac(String message) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
