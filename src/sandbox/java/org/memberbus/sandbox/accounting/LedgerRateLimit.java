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
 * The ledger's own fault switch, {@code ratePerSecond}, and its fault answers as problem details:
 * more calls than that in one second are refused 429 like the shared {@code rateLimitNext}, with
 * {@code Retry-After} until the next second. Null means the configured limit; 0 or less means none.
 */
final class LedgerRateLimit implements SimulatorFaults.Extras, SimulatorFaults.Answers {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Switch(Integer ratePerSecond) {}

    private final Problems problems;
    private final Clock clock;
    private final int defaultRate;
    private volatile Integer ratePerSecond;
    private long windowSecond;
    private int windowCount;

    LedgerRateLimit(Problems problems, Clock clock, int defaultRate) {
        this.problems = problems;
        this.clock = clock;
        this.defaultRate = defaultRate;
    }

    @Override
    public void set(JsonNode body, ObjectMapper json) throws IOException {
        ratePerSecond = json.treeToValue(body, Switch.class).ratePerSecond();
    }

    @Override
    public void clear() {
        ratePerSecond = null;
    }

    @Override
    public void show(Map<String, Object> view) {
        view.put("ratePerSecond", rate());
    }

    private int rate() {
        var set = ratePerSecond;
        return set == null ? defaultRate : set;
    }

    /** A fixed one-second window: over the limit once this second's calls exceed it. */
    @Override
    public synchronized boolean overLimit() {
        int limit = rate();
        if (limit <= 0) {
            return false;
        }
        long second = clock.millis() / 1000;
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
            long retryAfter = Math.max(1, (1000 - clock.millis() % 1000 + 999) / 1000);
            response.setHeader("Retry-After", String.valueOf(retryAfter));
            problems.write(request, response, new LedgerProblem(429, "rate_limited", "Too many requests",
                    "Rate limit of " + rate() + " requests per second exceeded; retry after " + retryAfter + " s",
                    List.of()));
        } else {
            problems.write(request, response, new LedgerProblem(500, "internal_error", "Internal server error",
                    "Sandbox fault injection: the ledger failed this call; retry it", List.of()));
        }
    }
}
