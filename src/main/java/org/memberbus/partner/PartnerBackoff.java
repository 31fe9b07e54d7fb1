package org.memberbus.partner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When a partner says "slow down" (HTTP 429 or 503, Salesforce REQUEST_LIMIT_EXCEEDED, Marketo's
 * 606/607/615), when to deliver the command again: the partner's {@code Retry-After} when it sends
 * one (seconds or an HTTP date), else an exponential back-off from the configured default with a
 * little jitter (so the commands held back together do not all come back in the same instant),
 * never more than the ceiling. And when to stop: once the next try would fall past the retry
 * horizon, counted from the command's first attempt (carried in the message property
 * {@value CommandOrder#FIRST_ATTEMPT}), the command is dead-lettered instead.
 */
@Component("partnerBackoff")
public class PartnerBackoff {

    /** How many times the command was rescheduled so far (message property). */
    public static final String ATTEMPTS = "memberbusAttempts";

    private final Clock clock;
    private final Duration fallback;
    private final Duration ceiling;
    private final Duration horizon;

    @Autowired
    PartnerBackoff(@Value("${memberbus.partners.slow-down-default:PT30S}") Duration fallback,
                   @Value("${memberbus.partners.slow-down-max:PT15M}") Duration ceiling,
                   @Value("${memberbus.partners.retry-horizon:PT24H}") Duration horizon) {
        this(Clock.systemUTC(), fallback, ceiling, horizon);
    }

    PartnerBackoff(Clock clock, Duration fallback, Duration ceiling, Duration horizon) {
        this.clock = clock;
        this.fallback = fallback;
        this.ceiling = ceiling;
        this.horizon = horizon;
    }

    /**
     * True when the failure means "try again later" rather than "this command is wrong": the partner
     * said slow down (429, REQUEST_LIMIT_EXCEEDED, Marketo's 606/607/615), or it is down or failing
     * for now (5xx, no connection, a Salesforce row lock). Such a command is rescheduled with its
     * stamps rather than rolled back, so it keeps its place in the member's order and its horizon.
     */
    public boolean isSlowDown(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        // the failure may come wrapped (a bean called from an expression, a component's own exception)
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PartnerRefusedException) {
                return false;
            }
            if (transient_(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean transient_(Throwable t) {
        if (t instanceof PartnerSlowDownException || t instanceof java.io.IOException) {
            return true;
        }
        if (t instanceof HttpOperationFailedException http) {
            return http.getStatusCode() == 429 || http.getStatusCode() >= 500;
        }
        if (t instanceof org.apache.camel.component.salesforce.api.SalesforceException sf && sf.getStatusCode() >= 500) {
            return true;
        }
        String message = String.valueOf(t.getMessage());
        return message.contains("REQUEST_LIMIT_EXCEEDED") || message.contains("UNABLE_TO_LOCK_ROW");
    }

    /** The epoch millisecond at which the command should be delivered again. */
    public long redeliverAt(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
                            @Header(ATTEMPTS) Object attempts) {
        Duration wait = delay(failure, count(attempts));
        if (partnerWait(failure) == null) {
            wait = wait.plusMillis((long) (wait.toMillis() * 0.2 * ThreadLocalRandom.current().nextDouble()));
        }
        return clock.millis() + wait.toMillis();
    }

    /** True when the next try ({@code redeliverAt}) would fall past the retry horizon of the command. */
    public boolean pastHorizon(@Header("_AMQ_SCHED_DELIVERY") long redeliverAt,
                               @Header(CommandOrder.FIRST_ATTEMPT) Object firstAttemptAt) {
        Long first = number(firstAttemptAt);
        return first != null && redeliverAt > first + horizon.toMillis();
    }

    /** Why a command was given up on, for the dead-letter store (no personal data: ids and status only). */
    public String horizonReason(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
                                @Header(CommandOrder.FIRST_ATTEMPT) Object firstAttemptAt,
                                @Header(ATTEMPTS) Object attempts) {
        Long first = number(firstAttemptAt);
        return "RetryHorizonExceeded: the partner still said slow down after the retry horizon " + horizon
                + " (first attempt " + (first == null ? "unknown" : Instant.ofEpochMilli(first)) + ", "
                + (count(attempts) + 1) + " attempts); last answer: " + answer(failure);
    }

    public int nextAttempt(@Header(ATTEMPTS) Object attempts) {
        return count(attempts) + 1;
    }

    Duration delay(Exception failure, int attempts) {
        Duration asked = partnerWait(failure);
        Duration wait = asked != null ? asked : fallback.multipliedBy(1L << Math.min(attempts, 20));
        Duration longest = ceiling;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PartnerSlowDownException slow && slow.longestWait() != null
                    && slow.longestWait().compareTo(ceiling) < 0) {
                longest = slow.longestWait();
            }
        }
        return wait.compareTo(longest) > 0 ? longest : wait;
    }

    /** What the partner itself said about how long to wait: Retry-After, or its documented rule. */
    private Duration partnerWait(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PartnerSlowDownException slow) {
                return slow.retryAfter();
            }
            if (t instanceof HttpOperationFailedException http) {
                String retryAfter = http.getResponseHeaders() == null ? null : http.getResponseHeaders().get("Retry-After");
                return retryAfter == null ? null : parse(retryAfter.trim());
            }
        }
        return null;
    }

    private static String answer(Exception failure) {
        if (failure instanceof HttpOperationFailedException http) {
            return "HTTP " + http.getStatusCode() + " from " + http.getUri();
        }
        return failure == null ? "none" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static int count(Object attempts) {
        Long n = number(attempts);
        return n == null ? 0 : n.intValue();
    }

    private static Long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof CharSequence s && !s.isEmpty()) {
            try {
                return Long.parseLong(s.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
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
                return null;
            }
        }
    }
}
