package org.memberbus.inbound;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} signature scheme that Stripe made
 * common and that the community platform and the exam body use for their webhooks. A timestamp
 * outside the tolerance is refused, so a captured call cannot be replayed later.
 */
public final class WebhookSignature {

    private final Clock clock;
    private final long toleranceSeconds;

    public WebhookSignature(Clock clock, long toleranceSeconds) {
        this.clock = clock;
        this.toleranceSeconds = toleranceSeconds;
    }

    /** The header value a sender computes for {@code body} at {@code timestamp}. */
    public static String sign(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + body);
    }

    /** Throws a 401 rejection unless {@code header} is a valid, fresh signature of {@code body}. */
    public void verify(String secret, String header, String body) {
        verify(secret, header, body, true);
    }

    /**
     * As {@link #verify(String, String, String)}, but an old timestamp passes: for an operator's
     * replay of a quarantined call, which the partner did sign (the HMAC still has to match).
     */
    public void verifyIgnoringAge(String secret, String header, String body) {
        verify(secret, header, body, false);
    }

    private void verify(String secret, String header, String body, boolean checkAge) {
        if (header == null || header.isBlank()) {
            throw new InboundRejectedException(401, "missing signature header");
        }
        Long timestamp = null;
        var v1 = new java.util.ArrayList<String>(); // several while a partner rolls its secret
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    throw new InboundRejectedException(401, "signature timestamp is not a number");
                }
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1.add(kv[1]);
            }
        }
        if (timestamp == null || v1.isEmpty()) {
            throw new InboundRejectedException(401, "signature header must be t=<timestamp>,v1=<hmac>");
        }
        if (checkAge && Math.abs(clock.instant().getEpochSecond() - timestamp) > toleranceSeconds) {
            throw new InboundRejectedException(401, "signature timestamp outside the tolerance of " + toleranceSeconds + " s");
        }
        byte[] expected = hmac(secret, timestamp + "." + body).getBytes(StandardCharsets.US_ASCII);
        if (v1.stream().noneMatch(given -> MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII)))) {
            throw new InboundRejectedException(401, "signature does not match the body");
        }
    }

    private static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
