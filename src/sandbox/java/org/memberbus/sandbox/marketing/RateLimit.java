package org.memberbus.sandbox.marketing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Marketo-style throttling: more than {@code perSecond} REST calls within any one second are
 * refused with 429 (Marketo code 606) and {@code Retry-After}, until the window has room again.
 */
class RateLimit implements HandlerInterceptor {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final int perSecond;
    private final Deque<Long> recent = new ArrayDeque<>();

    RateLimit(int perSecond) {
        this.perSecond = perSecond;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        long waitNanos = admit(System.nanoTime());
        if (waitNanos == 0) {
            return true;
        }
        response.setHeader("Retry-After", String.valueOf(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L)));
        return MarketoErrors.refuse(response, 429, "606",
                "Max rate limit '" + perSecond + "' exceeded with in '1' secs");
    }

    /** Records the call and answers 0, or answers how long until a call would be admitted. */
    private synchronized long admit(long now) {
        while (!recent.isEmpty() && now - recent.peekFirst() >= WINDOW_NANOS) {
            recent.pollFirst();
        }
        if (recent.size() >= perSecond) {
            return WINDOW_NANOS - (now - recent.peekFirst());
        }
        recent.addLast(now);
        return 0;
    }
}
