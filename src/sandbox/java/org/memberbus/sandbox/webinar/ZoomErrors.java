package org.memberbus.sandbox.webinar;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.memberbus.sandbox.faults.SimulatorFaults;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every refusal as Zoom writes it: HTTP status and {@code {"code", "message"}}. */
@RestControllerAdvice
class ZoomErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ExceptionHandler(ZoomException.class)
    ResponseEntity<Map<String, Object>> zoom(ZoomException e) {
        return ResponseEntity.status(e.status).body(Map.of("code", e.code, "message", e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.status(400).body(Map.of("code", 300, "message", "Request Body should be a valid JSON object."));
    }

    /** For interceptors, which answer before any controller runs. */
    static boolean refuse(HttpServletResponse response, int status, int code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        JSON.writeValue(response.getWriter(), Map.of("code", code, "message", message));
        return false;
    }

    static void fault(SimulatorFaults.Fault fault, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        switch (fault) {
            case DOWN -> refuse(response, 503, 503, "Service unavailable (simulated)");
            case RATE_LIMITED -> {
                response.setHeader("X-RateLimit-Category", "Light");
                response.setHeader("X-RateLimit-Type", "QPS");
                refuse(response, 429, 429, "You have reached the maximum per-second rate limit for this API. Try again later. (simulated)");
            }
            case ERROR -> refuse(response, 500, 500, "Internal server error (simulated)");
        }
    }
}
