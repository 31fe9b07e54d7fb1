package org.memberbus.sandbox.marketing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Marketo's throttling: more than {@code calls} REST calls within any {@code windowSeconds} (100 in
 * 20 s on a real instance) are refused, as Marketo does, with HTTP 200, {@code success: false} and
 * error 606, and no {@code Retry-After}: the caller has to know the window.
 */
class RateLimit implements HandlerInterceptor {

    private final int calls;
    private final int windowSeconds;
    private final long windowNanos;
    private final Deque<Long> recent = new ArrayDeque<>();

    RateLimit(int calls, int windowSeconds) {
        this.calls = calls;
        this.windowSeconds = windowSeconds;
        this.windowNanos = windowSeconds * 1_000_000_000L;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (admit(System.nanoTime()) == 0) {
            return true;
        }
        return MarketoErrors.refuse(response, 200, "606",
                "Max rate limit '" + calls + "' exceeded with in '" + windowSeconds + "' secs");
    }

    /** Records the call and answers 0, or answers how long until a call would be admitted. */
    private synchronized long admit(long now) {
        while (!recent.isEmpty() && now - recent.peekFirst() >= windowNanos) {
            recent.pollFirst();
        }
        if (recent.size() >= calls) {
            return windowNanos - (now - recent.peekFirst());
        }
        recent.addLast(now);
        return 0;
    }
}
