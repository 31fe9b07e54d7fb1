package org.memberbus.sandbox.webinar;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.web.servlet.HandlerInterceptor;

/** The API's guards: the bearer token, and Zoom's per-second rate limits by label. */
final class ZoomGuards {

    private ZoomGuards() {}

    /** {@code Authorization: Bearer <token>} from /oauth/token: missing or unknown or expired is 401, code 124. */
    static final class Bearer implements HandlerInterceptor {
        private final ZoomTokens tokens;

        Bearer(ZoomTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
            var header = request.getHeader("Authorization");
            var token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
            if (token == null || !tokens.valid(token)) {
                return ZoomErrors.refuse(response, 401, 124, "Invalid access token.");
            }
            return true;
        }
    }

    /**
     * At most {@code perSecond} calls of one label (Light, Medium, Heavy) in any second, for the
     * whole account: more is 429 with the label, type QPS and Retry-After.
     */
    static final class QpsLimit implements HandlerInterceptor {
        private final String category;
        private final int perSecond;
        private final Deque<Long> recent = new ArrayDeque<>();

        QpsLimit(String category, int perSecond) {
            this.category = category;
            this.perSecond = perSecond;
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
            if (admit(System.nanoTime())) {
                return true;
            }
            response.setHeader("X-RateLimit-Category", category);
            response.setHeader("X-RateLimit-Type", "QPS");
            response.setHeader("X-RateLimit-Limit", Integer.toString(perSecond));
            response.setHeader("X-RateLimit-Remaining", "0");
            response.setHeader("Retry-After", "1");
            return ZoomErrors.refuse(response, 429, 429,
                    "You have reached the maximum per-second rate limit for this API. Try again later.");
        }

        private synchronized boolean admit(long now) {
            while (!recent.isEmpty() && now - recent.peekFirst() >= 1_000_000_000L) {
                recent.pollFirst();
            }
            if (recent.size() >= perSecond) {
                return false;
            }
            recent.addLast(now);
            return true;
        }
    }
}
