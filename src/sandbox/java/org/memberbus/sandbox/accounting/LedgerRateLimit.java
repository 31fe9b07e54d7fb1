package org.memberbus.sandbox.accounting;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.memberbus.sandbox.faults.SimulatorFaults;

/**
 * The ledger's own fault switches, {@code ratePerSecond} and {@code ratePerMinute} (QuickBooks
 * Online allows 500 requests a minute per company, Xero 60), and its fault answers as problem
 * details: more calls than that in one second (minute) are refused 429 like the shared
 * {@code rateLimitNext}, with {@code Retry-After} until the window ends. Null means the configured
 * limit; 0 or less means none.
 */
final class LedgerRateLimit implements SimulatorFaults.Extras, SimulatorFaults.Answers {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Switch(Integer ratePerSecond, Integer ratePerMinute) {}

    private final Problems problems;
    private final Clock clock;
    private final int defaultRate;
    private final int defaultPerMinute;
    private volatile Integer ratePerSecond;
    private volatile Integer ratePerMinute;
    private long windowSecond;
    private int windowCount;
    private long windowMinute;
    private int minuteCount;
    private final ThreadLocal<Boolean> minuteExceeded = ThreadLocal.withInitial(() -> false); // this call's window

    LedgerRateLimit(Problems problems, Clock clock, int defaultRate) {
        this(problems, clock, defaultRate, 0);
    }

    LedgerRateLimit(Problems problems, Clock clock, int defaultRate, int defaultPerMinute) {
        this.problems = problems;
        this.clock = clock;
        this.defaultRate = defaultRate;
        this.defaultPerMinute = defaultPerMinute;
    }

    @Override
    public void set(JsonNode body, ObjectMapper json) throws IOException {
        var given = json.treeToValue(body, Switch.class);
        ratePerSecond = given.ratePerSecond();
        ratePerMinute = given.ratePerMinute();
    }

    @Override
    public void clear() {
        ratePerSecond = null;
        ratePerMinute = null;
    }

    @Override
    public void show(Map<String, Object> view) {
        view.put("ratePerSecond", rate());
        view.put("ratePerMinute", perMinute());
    }

    private int perMinute() {
        var set = ratePerMinute;
        return set == null ? defaultPerMinute : set;
    }

    private int rate() {
        var set = ratePerSecond;
        return set == null ? defaultRate : set;
    }

    /** Fixed one-second and one-minute windows: over the limit once this window's calls exceed either. */
    @Override
    public synchronized boolean overLimit() {
        long now = clock.millis();
        int perMinute = perMinute();
        minuteExceeded.set(false);
        if (perMinute > 0) {
            long minute = now / 60_000;
            if (minute != windowMinute) {
                windowMinute = minute;
                minuteCount = 0;
            }
            if (++minuteCount > perMinute) {
                minuteExceeded.set(true);
                return true;
            }
        }
        int limit = rate();
        if (limit <= 0) {
            return false;
        }
        long second = now / 1000;
        if (second != windowSecond) {
            windowSecond = second;
            windowCount = 0;
        }
        return ++windowCount > limit;
    }

    @Override
    public void write(SimulatorFaults.Fault fault, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (fault == SimulatorFaults.Fault.RATE_LIMITED) {
            boolean minute = minuteExceeded.get();
            long window = minute ? 60_000 : 1000;
            long retryAfter = Math.max(1, (window - clock.millis() % window + 999) / 1000);
            response.setHeader("Retry-After", String.valueOf(retryAfter));
            problems.write(request, response, new LedgerProblem(429, "rate_limited", "Too many requests",
                    "Rate limit of " + (minute ? perMinute() + " requests per minute" : rate() + " requests per second")
                            + " exceeded; retry after " + retryAfter + " s", List.of()));
        } else {
            problems.write(request, response, new LedgerProblem(500, "internal_error", "Internal server error",
                    "Sandbox fault injection: the ledger failed this call; retry it", List.of()));
        }
    }
}
