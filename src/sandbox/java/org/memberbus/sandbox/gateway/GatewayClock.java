package org.memberbus.sandbox.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's notion of now, like a Stripe test clock: the real time plus an offset that
 * {@code POST /__sandbox/advance} moves forward, so subscription renewals can be driven in a test.
 * Webhook signatures use the real time instead, because receivers check them against theirs.
 */
final class GatewayClock {

    private final Clock real;
    private final AtomicLong offsetSeconds = new AtomicLong();

    GatewayClock(Clock real) {
        this.real = real;
    }

    /** Unix seconds on the gateway's clock. */
    long now() {
        return real.instant().getEpochSecond() + offsetSeconds.get();
    }

    Instant instant() {
        return Instant.ofEpochSecond(now());
    }

    Duration offset() {
        return Duration.ofSeconds(offsetSeconds.get());
    }

    void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        offsetSeconds.addAndGet(by.toSeconds());
    }
}
