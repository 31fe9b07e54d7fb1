package org.memberbus.sandbox.salesforce;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The org's OAuth sessions. A session expires after the session lifetime without use, as a
 * Salesforce session times out on inactivity; tests can shorten the lifetime or expire every
 * session at once to make clients log in again.
 */
final class AccessTokens {

    /** One session: the user it acts as and when it was last used. */
    static final class Session {
        private final String userId;
        private final Instant issuedAt;
        private volatile Instant lastUsed;

        private Session(String userId, Instant issuedAt) {
            this.userId = userId;
            this.issuedAt = issuedAt;
            this.lastUsed = issuedAt;
        }

        String userId() {
            return userId;
        }

        Instant issuedAt() {
            return issuedAt;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final LongSupplier lifetimeSeconds;

    AccessTokens(LongSupplier lifetimeSeconds) {
        this.lifetimeSeconds = lifetimeSeconds;
    }

    /** A new access token shaped like Salesforce's: the org id's 15 characters, '!', random. */
    String issue(String userId) {
        var bytes = new byte[48];
        random.nextBytes(bytes);
        var token = SalesforceSettings.ORG_ID.substring(0, 15) + "!"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', '.').replace('_', '.');
        sessions.put(token, new Session(userId, Instant.now()));
        return token;
    }

    /** The live session of {@code token} (touching it), if any. */
    Optional<Session> use(String token) {
        var session = peek(token);
        session.ifPresent(s -> s.lastUsed = Instant.now());
        return session;
    }

    /** The live session of {@code token}, without counting as activity. */
    Optional<Session> peek(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var session = sessions.get(token);
        if (session == null) {
            return Optional.empty();
        }
        if (!session.lastUsed.plusSeconds(lifetimeSeconds.getAsLong()).isAfter(Instant.now())) {
            sessions.remove(token, session);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    boolean revoke(String token) {
        return token != null && sessions.remove(token) != null;
    }

    /** Ends every session: the next call with any current token is INVALID_SESSION_ID. */
    void expireAll() {
        sessions.clear();
    }

    /** The token of an {@code Authorization: Bearer ...} or {@code OAuth ...} header. */
    static String fromHeader(String authorization) {
        if (authorization == null) {
            return null;
        }
        var value = authorization.trim();
        for (String scheme : new String[] {"Bearer ", "OAuth "}) {
            if (value.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return value.substring(scheme.length()).trim();
            }
        }
        return null;
    }
}
