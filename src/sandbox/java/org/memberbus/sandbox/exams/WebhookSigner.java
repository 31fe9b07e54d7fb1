package org.memberbus.sandbox.exams;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The exam body's own signing of its webhooks ({@code X-Exam-Signature}): {@code t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<body>")>}. Written here from the platform's documentation, not taken
 * from the bus, so a mistake in the bus's verification cannot be mirrored by the simulator.
 */
final class WebhookSigner {

    private WebhookSigner() {}

    static String sign(String secret, long timestamp, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            var digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
