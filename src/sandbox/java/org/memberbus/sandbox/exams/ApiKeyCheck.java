package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;

/** The exam body's API authentication: a static key in the {@code X-Api-Key} header. */
final class ApiKeyCheck implements HandlerInterceptor {

    static final String HEADER = "X-Api-Key";

    private final byte[] apiKey;
    private final ObjectMapper json;

    ApiKeyCheck(String apiKey, ObjectMapper json) {
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        var given = request.getHeader(HEADER);
        if (given != null && MessageDigest.isEqual(apiKey, given.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        response.setStatus(401);
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), Map.of("error", "unauthorized",
                "message", given == null ? "missing " + HEADER + " header" : "invalid " + HEADER));
        return false;
    }
}
