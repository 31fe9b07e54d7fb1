package org.memberbus.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

class PartnerBackoffTest {

    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    final PartnerBackoff backoff = new PartnerBackoff(clock, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(24));

    static HttpOperationFailedException http(int status, Map<String, String> headers) {
        return new HttpOperationFailedException("http://partner", status, "x", null, headers, "");
    }

    @Test
    void honoursRetryAfterInSecondsOrAsAnHttpDate() {
        assertThat(backoff.delay(http(429, Map.of("Retry-After", "7")), 0)).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.delay(http(429, Map.of("Retry-After", "7")), 5)).as("the partner's word, not the back-off")
                .isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.delay(http(503, Map.of("Retry-After", "Mon, 23 Nov 2026 10:02:00 GMT")), 0))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.redeliverAt(http(429, Map.of("Retry-After", "1")), null)).isEqualTo(clock.millis() + 1000);
        assertThat(backoff.delay(new PartnerSlowDownException("607", Duration.ofDays(1)), 0)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.delay(new PartnerSlowDownException("606", null), 2)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.delay(new PartnerSlowDownException("606", null, Duration.ofSeconds(20)), 0))
                .as("no longer than the partner's window").isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void backsOffExponentiallyWithoutRetryAfterAndNeverWaitsPastTheCeiling() {
        assertThat(backoff.delay(http(429, Map.of()), 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(http(429, Map.of()), 1)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delay(http(503, Map.of()), 3)).isEqualTo(Duration.ofSeconds(240));
        assertThat(backoff.delay(http(429, Map.of("Retry-After", "soon")), 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(http(429, Map.of("Retry-After", "86400")), 0)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.delay(http(503, Map.of()), 40)).isEqualTo(Duration.ofMinutes(15));
        // jitter only lengthens a computed wait, by at most a fifth
        long at = backoff.redeliverAt(http(503, Map.of()), 1);
        assertThat(at - clock.millis()).isBetween(60_000L, 72_000L);
        assertThat(backoff.nextAttempt(null)).isEqualTo(1);
        assertThat(backoff.nextAttempt(4L)).isEqualTo(5);
    }

    @Test
    void slowAndDownPartnersAreRescheduledRefusalsAreNot() {
        assertThat(backoff.isSlowDown(http(429, Map.of()))).isTrue();
        assertThat(backoff.isSlowDown(http(503, Map.of()))).isTrue();
        assertThat(backoff.isSlowDown(http(502, Map.of()))).isTrue();
        assertThat(backoff.isSlowDown(new IOException("Connection refused"))).isTrue();
        assertThat(backoff.isSlowDown(new PartnerSlowDownException("marketing error 606", null))).isTrue();
        assertThat(backoff.isSlowDown(http(400, Map.of()))).isFalse();
        assertThat(backoff.isSlowDown(new PartnerRefusedException("marketing error 1003"))).isFalse();
        assertThat(backoff.isSlowDown(new IllegalStateException("[REQUEST_LIMIT_EXCEEDED] TotalRequests Limit exceeded"))).isTrue();
        assertThat(backoff.isSlowDown(null)).isFalse();
        // as it arrives from a bean called in an expression
        assertThat(backoff.isSlowDown(new RuntimeException("bean failed", new PartnerSlowDownException("606", null)))).isTrue();
        assertThat(backoff.isSlowDown(new RuntimeException("bean failed", new PartnerRefusedException("1003")))).isFalse();
    }

    @Test
    void aCommandIsGivenUpOnOnceTheNextTryFallsPastTheHorizonFromItsFirstAttempt() {
        long now = clock.millis();
        long firstAttempt = now - Duration.ofHours(23).toMillis();
        assertThat(backoff.pastHorizon(now + Duration.ofMinutes(59).toMillis(), firstAttempt)).isFalse();
        assertThat(backoff.pastHorizon(now + Duration.ofMinutes(61).toMillis(), firstAttempt)).isTrue();
        assertThat(backoff.pastHorizon(now + Duration.ofMinutes(61).toMillis(), String.valueOf(firstAttempt)))
                .as("as a replayed message carries it").isTrue();
        assertThat(backoff.pastHorizon(now + 1000, null)).as("no first attempt known: not yet").isFalse();
        assertThat(backoff.horizonReason(http(429, Map.of()), firstAttempt, 12L))
                .contains("retry horizon PT24H", "2026-11-22T11:00:00Z", "13 attempts", "HTTP 429");
    }
}
