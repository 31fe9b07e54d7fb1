package org.memberbus.sandbox.marketing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Marketo's 2-legged OAuth: client credentials buy an access token that lives an hour. Asking
 * again while it is valid returns the same token with its remaining lifetime, as Marketo does.
 * Expired tokens are remembered for a day so a late caller hears "expired" (602), not "invalid".
 */
class AccessTokens {

    enum Check { VALID, EXPIRED, INVALID }

    record Issued(String accessToken, long expiresIn) {}

    private final String clientId;
    private final byte[] clientSecret;
    private final Duration lifetime;
    private final Clock clock;
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private volatile String current;

    AccessTokens(String clientId, String clientSecret, Duration lifetime, Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    boolean authenticates(String id, String secret) {
        return clientId.equals(id) && secret != null
                && MessageDigest.isEqual(clientSecret, secret.getBytes(StandardCharsets.UTF_8));
    }

    synchronized Issued issue() {
        var now = clock.instant();
        expiries.values().removeIf(expiry -> expiry.plus(Duration.ofDays(1)).isBefore(now));
        var token = current;
        if (token == null || !expiries.getOrDefault(token, Instant.MIN).isAfter(now)) {
            token = UUID.randomUUID() + ":sandbox";
            expiries.put(token, now.plus(lifetime));
            current = token;
        }
        return new Issued(token, Math.max(0, Duration.between(now, expiries.get(token)).toSeconds()));
    }

    Check check(String token) {
        var expiry = token == null ? null : expiries.get(token);
        if (expiry == null) {
            return Check.INVALID;
        }
        return expiry.isAfter(clock.instant()) ? Check.VALID : Check.EXPIRED;
    }

    /** Ends every token's life now. */
    synchronized void expireAll() {
        var now = clock.instant();
        expiries.replaceAll((token, expiry) -> expiry.isAfter(now) ? now : expiry);
    }
}
