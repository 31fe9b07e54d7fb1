package org.memberbus.sandbox.gateway;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Stripe's idempotent requests: a POST with an {@code Idempotency-Key} header that was seen before
 * (within 24 hours) gets the first answer again, same status and body, with
 * {@code Idempotent-Replayed: true}; the same key with other parameters is refused with 400
 * {@code idempotency_error}, and while the first request still runs with 409. An answer is saved
 * once the endpoint began executing (a success, a card decline, a server error), not when the
 * request failed validation.
 */
final class IdempotencyFilter extends OncePerRequestFilter {

    static final String NOT_SAVED = IdempotencyFilter.class.getName() + ".notSaved";
    private static final Duration KEPT = Duration.ofHours(24);

    private sealed interface Slot permits Running, Saved {
        String fingerprint();
    }

    private record Running(String fingerprint) implements Slot {}

    private record Saved(String fingerprint, int status, String contentType, byte[] body, String requestId,
                         Instant expires) implements Slot {}

    private final Map<String, Slot> keys = new ConcurrentHashMap<>();
    private final ErrorWriter errors;
    private final Clock clock;

    IdempotencyFilter(ErrorWriter errors, Clock clock) {
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getMethod().equals("POST") || request.getHeader("Idempotency-Key") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader("Idempotency-Key");
        if (key.length() > 255) {
            errors.write(response, 400, StripeError.of("invalid_request_error", null,
                    "Idempotency-Key must be at most 255 characters long.", null));
            return;
        }
        var now = clock.instant();
        if (keys.size() > 1000) {
            keys.values().removeIf(slot -> slot instanceof Saved saved && saved.expires().isBefore(now));
        }
        String fingerprint = fingerprint(request);
        Slot running = new Running(fingerprint);
        Slot previous = keys.compute(key, (k, slot) ->
                slot == null || slot instanceof Saved saved && saved.expires().isBefore(now) ? running : slot);
        if (previous != running) {
            if (!previous.fingerprint().equals(fingerprint)) {
                errors.write(response, 400, StripeError.of("idempotency_error", null,
                        "Keys for idempotent requests can only be used with the same parameters they were first used "
                                + "with. Try using a key other than '" + key + "' if you meant to execute a different request.",
                        null));
            } else if (previous instanceof Saved saved) {
                response.setStatus(saved.status());
                response.setContentType(saved.contentType());
                response.setHeader("Idempotency-Key", key);
                response.setHeader("Idempotent-Replayed", "true");
                response.setHeader("Original-Request", saved.requestId());
                response.getOutputStream().write(saved.body());
            } else {
                errors.write(response, 409, StripeError.of("idempotency_error", null,
                        "There is currently another in-progress request using this Idempotent Key (that probably means "
                                + "you submitted twice, and the other request is still going through): " + key
                                + ". Please try again later.", null));
            }
            return;
        }
        var wrapper = new ContentCachingResponseWrapper(response);
        boolean finished = false;
        try {
            wrapper.setHeader("Idempotency-Key", key);
            chain.doFilter(request, wrapper);
            finished = true;
        } finally {
            if (finished && request.getAttribute(NOT_SAVED) == null) {
                keys.put(key, new Saved(fingerprint, wrapper.getStatus(), wrapper.getContentType(),
                        wrapper.getContentAsByteArray(), (String) request.getAttribute(ApiRequest.ID_ATTRIBUTE),
                        clock.instant().plus(KEPT)));
            } else {
                keys.remove(key, running);
            }
            wrapper.copyBodyToResponse();
        }
    }

    /** The endpoint and its parameters, in a stable order. */
    private static String fingerprint(HttpServletRequest request) {
        var sorted = new TreeMap<String, String>();
        request.getParameterMap().forEach((name, values) -> sorted.put(name, Arrays.toString(values)));
        return request.getRequestURI() + " " + sorted;
    }
}
