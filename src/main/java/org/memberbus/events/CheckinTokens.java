package org.memberbus.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The QR codes the bus issues for registrations: {@code v1.<payload>.<HMAC-SHA256>} (base64url),
 * the payload naming the registration, the event, the member and when the code stops being valid.
 * Only the bus holds the key (MEMBERBUS_CHECKIN_SECRET), so a kiosk cannot make one up; a code is
 * checked in constant time.
 */
@Component("checkinTokens")
public class CheckinTokens {

    /** What a valid code says. */
    public record Claims(String registrationKey, String crmEventId, String contactId, Instant validUntil) {}

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    private final byte[] key;

    CheckinTokens(@Value("${memberbus.events.checkin-secret}") String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("memberbus.events.checkin-secret (MEMBERBUS_CHECKIN_SECRET) must be at least 16 characters");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String issue(Registration registration, Instant validUntil) {
        var payload = String.join("|", registration.key(), registration.crmEventId(), registration.contactId(),
                Long.toString(validUntil.getEpochSecond()));
        var encoded = ENCODE.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return "v1." + encoded + "." + ENCODE.encodeToString(mac(encoded));
    }

    /** The code's claims, or an EventsApiException saying why it is refused. */
    public Claims verify(String token, Instant now) {
        if (token == null || token.isBlank()) {
            throw new EventsApiException(400, "token is required");
        }
        var parts = token.split("\\.");
        byte[] signature;
        try {
            if (parts.length != 3 || !parts[0].equals("v1")) {
                throw new IllegalArgumentException();
            }
            signature = DECODE.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new EventsApiException(400, "the QR code is not one the bus issued (malformed)");
        }
        if (!MessageDigest.isEqual(mac(parts[1]), signature)) {
            throw new EventsApiException(403, "the QR code's signature is not valid (forged or altered)");
        }
        var fields = new String(DECODE.decode(parts[1]), StandardCharsets.UTF_8).split("\\|");
        var claims = new Claims(fields[0], fields[1], fields[2], Instant.ofEpochSecond(Long.parseLong(fields[3])));
        if (now.isAfter(claims.validUntil())) {
            throw new EventsApiException(403, "the QR code expired at " + claims.validUntil());
        }
        return claims;
    }

    private byte[] mac(String payload) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
