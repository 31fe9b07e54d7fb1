package org.memberbus.partner;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When a partner says "slow down" (HTTP 429 or 503, Salesforce REQUEST_LIMIT_EXCEEDED), how long
 * to wait before the command is delivered again: the partner's {@code Retry-After} when it sends
 * one (seconds or an HTTP date), else the configured default.
 */
@Component("partnerBackoff")
public class PartnerBackoff {

    private final Clock clock;
    private final Duration fallback;
    private final Duration ceiling;

    @Autowired
    PartnerBackoff(@Value("${memberbus.partners.slow-down-default:PT30S}") Duration fallback,
                   @Value("${memberbus.partners.slow-down-max:PT15M}") Duration ceiling) {
        this(Clock.systemUTC(), fallback, ceiling);
    }

    PartnerBackoff(Clock clock, Duration fallback, Duration ceiling) {
        this.clock = clock;
        this.fallback = fallback;
        this.ceiling = ceiling;
    }

    /** True when the failure means "try again later" rather than "this command is wrong". */
    public boolean isSlowDown(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        if (failure instanceof HttpOperationFailedException http) {
            return http.getStatusCode() == 429 || http.getStatusCode() == 503;
        }
        return failure != null && String.valueOf(failure.getMessage()).contains("REQUEST_LIMIT_EXCEEDED");
    }

    /** The epoch millisecond at which the command should be delivered again. */
    public long redeliverAt(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        return clock.millis() + delay(failure).toMillis();
    }

    Duration delay(Exception failure) {
        String retryAfter = failure instanceof HttpOperationFailedException http
                ? http.getResponseHeaders().get("Retry-After") : null;
        Duration wait = retryAfter == null ? fallback : parse(retryAfter.trim());
        return wait.compareTo(ceiling) > 0 ? ceiling : wait;
    }

    private Duration parse(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter)));
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(retryAfter, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                var wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return fallback;
            }
        }
    }
}
