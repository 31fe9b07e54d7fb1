package org.memberbus.sandbox.faults;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The fault switches every simulator offers through {@code /__sandbox/faults} ({@link FaultsController}):
 * a guarded call answers 503 while {@code down} (where the simulator offers it), waits {@code latencyMs},
 * answers 429 with {@code Retry-After: 1} for the next {@code rateLimitNext} calls and 500 for a share
 * {@code errorRate}. The bodies are the simulator's own ({@link Answers}); its own switches go in
 * {@link Extras}. Guards as a {@link HandlerInterceptor}, or as {@link #filter()} where the simulator
 * orders servlet filters around it.
 */
public final class SimulatorFaults implements HandlerInterceptor {

    public enum Fault { DOWN, RATE_LIMITED, ERROR }

    /** Writes the simulator's error body for a fault; it may replace the {@code Retry-After} set before. */
    @FunctionalInterface
    public interface Answers {
        void write(Fault fault, HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    /** A simulator's own switches beside the common ones. */
    public interface Extras {
        /** Takes them from a POST body whose common switches are valid; nothing is applied if this throws. */
        void set(JsonNode body, ObjectMapper json) throws IOException;

        void clear();

        /** Adds them to what {@code GET /__sandbox/faults} shows, after the common ones. */
        void show(Map<String, Object> view);

        /** True when this call is over a limit of the simulator's own; it is then answered as rate limited. */
        default boolean overLimit() {
            return false;
        }
    }

    private static final Extras NONE = new Extras() {
        @Override
        public void set(JsonNode body, ObjectMapper json) {}

        @Override
        public void clear() {}

        @Override
        public void show(Map<String, Object> view) {}
    };

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Switches(long latencyMs, double errorRate, int rateLimitNext, boolean down) {}

    private final Supplier<RuntimeException> invalid;
    private final Answers answers;
    private boolean offersDown;
    private Extras extras = NONE;
    private volatile Switches switches = new Switches(0, 0, 0, false);
    private final AtomicInteger rateLimitLeft = new AtomicInteger();

    /** {@code invalid}: the simulator's own 400 for switches out of range. */
    public SimulatorFaults(Supplier<RuntimeException> invalid, Answers answers) {
        this.invalid = invalid;
        this.answers = answers;
    }

    /** Offers the {@code down} switch; simulators without it keep their documented switches only. */
    public SimulatorFaults offeringDown() {
        offersDown = true;
        return this;
    }

    public SimulatorFaults with(Extras extras) {
        this.extras = extras;
        return this;
    }

    /** What {@code GET /__sandbox/faults} shows. */
    public Map<String, Object> show() {
        var s = switches;
        var view = new LinkedHashMap<String, Object>();
        view.put("latencyMs", s.latencyMs());
        view.put("errorRate", s.errorRate());
        view.put("rateLimitNext", rateLimitLeft.get());
        if (offersDown) {
            view.put("down", s.down());
        }
        extras.show(view);
        return view;
    }

    /** Replaces the switches with those of a POST body; a switch left out is off. */
    void set(JsonNode body, ObjectMapper json) throws IOException {
        var next = json.treeToValue(body, Switches.class);
        if (next.latencyMs() < 0 || next.errorRate() < 0 || next.errorRate() > 1 || next.rateLimitNext() < 0) {
            throw invalid.get();
        }
        extras.set(body, json);
        switches = new Switches(next.latencyMs(), next.errorRate(), next.rateLimitNext(), offersDown && next.down());
        rateLimitLeft.set(next.rateLimitNext());
    }

    public void clear() {
        extras.clear();
        switches = new Switches(0, 0, 0, false);
        rateLimitLeft.set(0);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        return admit(request, response);
    }

    /** The same guard as a servlet filter, for simulators that order it among their filters. */
    public OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (admit(request, response)) {
                    chain.doFilter(request, response);
                }
            }
        };
    }

    private boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var s = switches;
        if (s.down()) {
            return refuse(Fault.DOWN, request, response);
        }
        if (s.latencyMs() > 0) {
            try {
                Thread.sleep(s.latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Forced 429s come first and, like the simulator's own limit, are not counted against it.
        if (rateLimitLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || extras.overLimit()) {
            response.setHeader("Retry-After", "1");
            return refuse(Fault.RATE_LIMITED, request, response);
        }
        if (s.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < s.errorRate()) {
            return refuse(Fault.ERROR, request, response);
        }
        return true;
    }

    private boolean refuse(Fault fault, HttpServletRequest request, HttpServletResponse response) throws IOException {
        answers.write(fault, request, response);
        return false;
    }
}
