package org.memberbus.sandbox.accounting;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The ledger's rate limit and the faults switched on at run time through {@code /__sandbox/faults},
 * applied to {@code /api/*}: more than {@code ratePerSecond} calls in one second, or one of the
 * next {@code rateLimitNext} calls, is answered 429 with {@code Retry-After}; {@code latencyMs}
 * delays every call; {@code errorRate} answers that share of calls 500.
 */
final class AccountingFaults extends OncePerRequestFilter {

    /**
     * The switch, as read and written in JSON. {@code ratePerSecond} null means the configured
     * limit; 0 or less means no limit.
     */
    record Faults(long latencyMs, double errorRate, int rateLimitNext, Integer ratePerSecond) {}

    private final Problems problems;
    private final Clock clock;
    private final int defaultRate;
    private volatile Faults faults;
    private final AtomicInteger rateLimitLeft = new AtomicInteger();
    private long windowSecond;
    private int windowCount;

    AccountingFaults(Problems problems, Clock clock, int defaultRate) {
        this.problems = problems;
        this.clock = clock;
        this.defaultRate = defaultRate;
        this.faults = new Faults(0, 0, 0, null);
    }

    Faults current() {
        return new Faults(faults.latencyMs(), faults.errorRate(), rateLimitLeft.get(), rate());
    }

    void set(Faults faults) {
        if (faults.latencyMs() < 0 || faults.errorRate() < 0 || faults.errorRate() > 1 || faults.rateLimitNext() < 0) {
            throw LedgerProblem.badRequest("latencyMs and rateLimitNext must be >= 0, errorRate within 0..1");
        }
        this.faults = faults;
        rateLimitLeft.set(faults.rateLimitNext());
    }

    void clear() {
        set(new Faults(0, 0, 0, null));
    }

    private int rate() {
        return faults.ratePerSecond() == null ? defaultRate : faults.ratePerSecond();
    }

    /** A fixed one-second window: true while this second's calls are within the limit. */
    private synchronized boolean permitted() {
        int limit = rate();
        if (limit <= 0) {
            return true;
        }
        long second = clock.millis() / 1000;
        if (second != windowSecond) {
            windowSecond = second;
            windowCount = 0;
        }
        return ++windowCount <= limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var now = faults;
        if (now.latencyMs() > 0) {
            try {
                Thread.sleep(now.latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean forced = rateLimitLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        if (forced || !permitted()) {
            long retryAfter = Math.max(1, (1000 - clock.millis() % 1000 + 999) / 1000);
            response.setHeader("Retry-After", String.valueOf(retryAfter));
            problems.write(request, response, new LedgerProblem(429, "rate_limited", "Too many requests",
                    "Rate limit of " + rate() + " requests per second exceeded; retry after " + retryAfter + " s",
                    List.of()));
            return;
        }
        if (now.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < now.errorRate()) {
            problems.write(request, response, new LedgerProblem(500, "internal_error", "Internal server error",
                    "Sandbox fault injection: the ledger failed this call; retry it", List.of()));
            return;
        }
        chain.doFilter(request, response);
    }
}
