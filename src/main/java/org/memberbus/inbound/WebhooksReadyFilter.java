package org.memberbus.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 with {@code Retry-After} to a webhook that arrives while the bus is not ready: the
 * web server opens before the Camel routes have started, and it is still open while they stop.
 * Partners treat a 4xx as final and drop the event (the community, Stripe after its own
 * schedule), but retry a 503, so an event sent during a start or a stop is delivered again later
 * instead of being lost.
 */
final class WebhooksReadyFilter extends OncePerRequestFilter {

    private final ApplicationAvailability availability;
    private final ObjectMapper json;
    private final long retryAfterSeconds;

    WebhooksReadyFilter(ApplicationAvailability availability, ObjectMapper json, long retryAfterSeconds) {
        this.availability = availability;
        this.json = json;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(),
                Map.of("error", "unavailable", "status", 503, "reason", "the bus is starting or stopping"));
    }
}
