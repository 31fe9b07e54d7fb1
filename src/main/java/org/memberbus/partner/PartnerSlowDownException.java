package org.memberbus.partner;

import java.time.Duration;

/**
 * A partner answered "not now" in its own words rather than with HTTP 429/503 (Marketo's 606 rate
 * limit, 607 daily quota, 615 concurrency, all with HTTP 200): the command is rescheduled like any
 * slow-down, after {@link #retryAfter()} when the partner's rules say how long (Marketo sends no
 * Retry-After).
 */
public class PartnerSlowDownException extends RuntimeException {

    private final Duration retryAfter;
    private final Duration longestWait;

    public PartnerSlowDownException(String message, Duration retryAfter) {
        this(message, retryAfter, null);
    }

    /** {@code longestWait}: past it the back-off gains nothing (a rate limit's window), or null. */
    public PartnerSlowDownException(String message, Duration retryAfter, Duration longestWait) {
        super(message);
        this.retryAfter = retryAfter;
        this.longestWait = longestWait;
    }

    public Duration longestWait() {
        return longestWait;
    }

    /** How long the partner's rules say to wait, or null for the bus's back-off. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Read like an HTTP 429 by the shared partner-sink error handling. */
    public int getStatusCode() {
        return 429;
    }
}
