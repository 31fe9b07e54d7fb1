package org.memberbus.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every partner posts its webhooks as JSON. A body declared as anything else (a form, say, which
 * is what {@code curl -d} sends) gets 415 with the reason here: left to Camel's HTTP binding, a
 * form body that is not one fails to parse and comes back as a 500.
 */
final class WebhookContentTypeFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    WebhookContentTypeFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String declared = request.getContentType();
        if (declared == null || isJson(declared)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), Map.of("error", "rejected", "status", 415,
                "reason", "webhook bodies are JSON (Content-Type: application/json)"));
    }

    private static boolean isJson(String declared) {
        try {
            var type = MediaType.parseMediaType(declared);
            return MediaType.APPLICATION_JSON.includes(type) || type.getSubtype().endsWith("+json");
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
