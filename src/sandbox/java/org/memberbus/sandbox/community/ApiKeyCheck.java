package org.memberbus.sandbox.community;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.servlet.HandlerInterceptor;

/** Every {@code /api} call must carry the platform's API key in {@code X-Api-Key}. */
class ApiKeyCheck implements HandlerInterceptor {

    static final String HEADER = "X-Api-Key";

    private final byte[] key;

    ApiKeyCheck(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        var given = request.getHeader(HEADER);
        if (given != null && MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        return ApiErrors.refuse(response, 401, given == null ? "missing X-Api-Key header" : "invalid API key");
    }
}
