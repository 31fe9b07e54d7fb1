package org.memberbus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.memberbus.inbound.InboundRejectedException;

/** Zoom's webhook signature as the bus checks it, and its URL validation answer (Zoom's documented scheme). */
class WebinarWebhooksTest {

    static final String SECRET = "whsec_test";
    static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");
    final WebinarWebhooks webhooks = new WebinarWebhooks(SECRET, 300, new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));

    static final String ENDED = """
            {"event":"webinar.ended","event_ts":1,"payload":{"account_id":"a","object":{"id":"81234567890","uuid":"u==",
            "topic":"Ethics","start_time":"2027-03-01T08:00:00Z","end_time":"2027-03-01T09:00:00Z"}}}""";

    @Test
    void aSignedEventIsReadAndAnythingElseIsRefused() {
        var ts = Long.toString(NOW.getEpochSecond());
        var event = webhooks.read(ENDED, "v0=" + hmac("v0:" + ts + ":" + ENDED), ts);
        assertThat(event.ended()).isTrue();
        assertThat(event.webinarId()).isEqualTo("81234567890");
        assertThat(event.endTime()).isEqualTo(Instant.parse("2027-03-01T09:00:00Z"));

        // another body under the same signature, a stale timestamp, no signature
        assertThatThrownBy(() -> webhooks.read(ENDED.replace("Ethics", "Other"), "v0=" + hmac("v0:" + ts + ":" + ENDED), ts))
                .isInstanceOf(InboundRejectedException.class).hasMessageContaining("does not match");
        var old = Long.toString(NOW.getEpochSecond() - 301);
        assertThatThrownBy(() -> webhooks.read(ENDED, "v0=" + hmac("v0:" + old + ":" + ENDED), old))
                .isInstanceOf(InboundRejectedException.class).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> webhooks.read(ENDED, null, ts)).isInstanceOf(InboundRejectedException.class);
        // no secret configured: nothing is accepted, not even a body signed with an empty key
        var unconfigured = new WebinarWebhooks("", 300, new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> unconfigured.read(ENDED, "v0=" + hmac("", "v0:" + ts + ":" + ENDED), ts))
                .isInstanceOf(InboundRejectedException.class).hasMessageContaining("not configured");
    }

    @Test
    void theUrlValidationIsAnsweredWithTheHmacOfThePlainToken() {
        var body = "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"}}";
        var ts = Long.toString(NOW.getEpochSecond());
        var event = webhooks.read(body, "v0=" + hmac("v0:" + ts + ":" + body), ts);
        assertThat(event.validation()).isTrue();
        assertThat(webhooks.validationAnswer(event.plainToken()))
                .containsEntry("plainToken", "qgg8vlvZRS6UYooatFL8Aw")
                .containsEntry("encryptedToken", hmac("qgg8vlvZRS6UYooatFL8Aw"));
    }

    static String hmac(String message) {
        return hmac(SECRET, message);
    }

    static String hmac(String secret, String message) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.isEmpty() ? new byte[1] : secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
