package org.memberbus.sandbox.marketing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The faults a test or demo switches on at run time through {@code /__sandbox/faults}: every API
 * call then waits {@code latencyMs}, the next {@code rateLimitNext} calls answer 429 (Marketo
 * 606) with {@code Retry-After}, a share {@code errorRate} of calls answer 500 (611), and
 * {@code down} answers every call 503 (608, "API Temporarily Unavailable").
 */
class Faults implements HandlerInterceptor {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Settings(long latencyMs, double errorRate, int rateLimitNext, boolean down) {
        static final Settings NONE = new Settings(0, 0, 0, false);
    }

    private final AtomicReference<Settings> settings = new AtomicReference<>(Settings.NONE);
    private final AtomicInteger rateLimitLeft = new AtomicInteger();

    Settings current() {
        var s = settings.get();
        return new Settings(s.latencyMs(), s.errorRate(), Math.max(0, rateLimitLeft.get()), s.down());
    }

    void set(Settings next) {
        if (next.latencyMs() < 0 || next.errorRate() < 0 || next.errorRate() > 1 || next.rateLimitNext() < 0) {
            throw new MarketoException(400, "1003", "latencyMs and rateLimitNext must be >= 0, errorRate between 0 and 1");
        }
        settings.set(next);
        rateLimitLeft.set(next.rateLimitNext());
    }

    void clear() {
        set(Settings.NONE);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException, InterruptedException {
        var s = settings.get();
        if (s.down()) {
            return MarketoErrors.refuse(response, 503, "608", "API Temporarily Unavailable (simulated)");
        }
        if (s.latencyMs() > 0) {
            Thread.sleep(s.latencyMs());
        }
        if (rateLimitLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            response.setHeader("Retry-After", "1");
            return MarketoErrors.refuse(response, 429, "606", "Max rate limit exceeded (simulated)");
        }
        if (s.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < s.errorRate()) {
            return MarketoErrors.refuse(response, 500, "611", "System error (simulated)");
        }
        return true;
    }
}
