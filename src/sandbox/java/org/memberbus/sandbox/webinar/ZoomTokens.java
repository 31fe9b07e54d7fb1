package org.memberbus.sandbox.webinar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Server-to-Server OAuth access tokens: an hour each, no refresh token, several may be live at once. */
class ZoomTokens {

    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    ZoomTokens(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    String issue() {
        var token = "eyJzdiI6IjAwMDAwMSIsImFsZyI6IkhTNTEyIn0." + WebinarPlatform.randomId(40);
        tokens.put(token, clock.instant().plus(ttl));
        return token;
    }

    long ttlSeconds() {
        return ttl.toSeconds();
    }

    boolean valid(String token) {
        var until = tokens.get(token);
        return until != null && clock.instant().isBefore(until);
    }

    void revokeAll() {
        tokens.clear();
    }
}
