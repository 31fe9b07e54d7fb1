package org.memberbus.sandbox.gateway;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Faults switched on at run time through {@code /__sandbox/faults}, applied to {@code /v1/*}:
 * added latency, a share of calls answered 500 {@code api_error}, and the next n calls answered
 * 429 {@code rate_limit}, as Stripe answers them.
 */
final class GatewayFaults extends OncePerRequestFilter {

    /** The switch, as read and written in JSON: {@code {"latencyMs":200,"errorRate":0.5,"rateLimitNext":3}}. */
    record Faults(long latencyMs, double errorRate, int rateLimitNext) {
        static final Faults NONE = new Faults(0, 0, 0);
    }

    private final ErrorWriter errors;
    private volatile Faults faults = Faults.NONE;
    private final AtomicInteger rateLimitLeft = new AtomicInteger();

    GatewayFaults(ErrorWriter errors) {
        this.errors = errors;
    }

    Faults current() {
        return new Faults(faults.latencyMs(), faults.errorRate(), rateLimitLeft.get());
    }

    void set(Faults faults) {
        if (faults.latencyMs() < 0 || faults.errorRate() < 0 || faults.errorRate() > 1 || faults.rateLimitNext() < 0) {
            throw new IllegalArgumentException("latencyMs and rateLimitNext must be >= 0, errorRate within 0..1");
        }
        this.faults = faults;
        rateLimitLeft.set(faults.rateLimitNext());
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
        if (rateLimitLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            response.setHeader("Retry-After", "1");
            errors.write(response, 429, StripeError.of("invalid_request_error", "rate_limit",
                    "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
                    null));
            return;
        }
        if (now.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < now.errorRate()) {
            errors.write(response, 500, StripeError.of("api_error", null,
                    "An unknown error occurred (sandbox fault injection). Please retry.", null));
            return;
        }
        chain.doFilter(request, response);
    }
}
