package org.memberbus.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

class PartnerBackoffTest {

    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    final PartnerBackoff backoff = new PartnerBackoff(clock, Duration.ofSeconds(30), Duration.ofMinutes(15));

    static HttpOperationFailedException http(int status, Map<String, String> headers) {
        return new HttpOperationFailedException("http://partner", status, "x", null, headers, "");
    }

    @Test
    void honoursRetryAfterInSecondsOrAsAnHttpDate() {
        assertThat(backoff.delay(http(429, Map.of("Retry-After", "7")))).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.delay(http(503, Map.of("Retry-After", "Mon, 23 Nov 2026 10:02:00 GMT"))))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.redeliverAt(http(429, Map.of("Retry-After", "1")))).isEqualTo(clock.millis() + 1000);
    }

    @Test
    void fallsBackToTheDefaultAndNeverWaitsPastTheCeiling() {
        assertThat(backoff.delay(http(429, Map.of()))).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(http(429, Map.of("Retry-After", "soon")))).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(http(429, Map.of("Retry-After", "86400")))).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void onlySlowDownAnswersAreRescheduled() {
        assertThat(backoff.isSlowDown(http(429, Map.of()))).isTrue();
        assertThat(backoff.isSlowDown(http(503, Map.of()))).isTrue();
        assertThat(backoff.isSlowDown(http(400, Map.of()))).isFalse();
        assertThat(backoff.isSlowDown(new IllegalStateException("[REQUEST_LIMIT_EXCEEDED] TotalRequests Limit exceeded"))).isTrue();
        assertThat(backoff.isSlowDown(null)).isFalse();
    }
}
