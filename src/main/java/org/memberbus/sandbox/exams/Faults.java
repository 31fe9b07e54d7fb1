package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Faults switched on at run time through {@code /__sandbox/faults}: added latency, a share of
 * calls answered 500, and the next n calls answered 429 with {@code Retry-After}. Applied to the
 * vendor API only, never to the sandbox controls.
 */
final class Faults implements HandlerInterceptor {

    /** The switches, as {@code POST /__sandbox/faults} takes them and {@code GET} shows them. */
    record Settings(long latencyMs, double errorRate, int rateLimitNext) {
        static final Settings NONE = new Settings(0, 0, 0);
    }

    private final ObjectMapper json;
    private volatile long latencyMs;
    private volatile double errorRate;
    private final AtomicInteger rateLimitNext = new AtomicInteger();

    Faults(ObjectMapper json) {
        this.json = json;
    }

    synchronized void set(Settings settings) {
        if (settings.latencyMs() < 0 || settings.errorRate() < 0 || settings.errorRate() > 1 || settings.rateLimitNext() < 0) {
            throw ApiException.invalid("faults", "latencyMs >= 0, 0 <= errorRate <= 1, rateLimitNext >= 0");
        }
        latencyMs = settings.latencyMs();
        errorRate = settings.errorRate();
        rateLimitNext.set(settings.rateLimitNext());
    }

    Settings current() {
        return new Settings(latencyMs, errorRate, rateLimitNext.get());
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException, InterruptedException {
        if (latencyMs > 0) {
            Thread.sleep(latencyMs);
        }
        if (rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            response.setHeader("Retry-After", "1");
            return refuse(response, 429, "rate_limited", "too many requests; retry after 1 second");
        }
        if (errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate) {
            return refuse(response, 500, "internal_error", "the exam body had an internal error (sandbox fault)");
        }
        return true;
    }

    private boolean refuse(HttpServletResponse response, int status, String error, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), Map.of("error", error, "message", message));
        return false;
    }
}
