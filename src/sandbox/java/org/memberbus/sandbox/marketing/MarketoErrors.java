package org.memberbus.sandbox.marketing;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import org.memberbus.sandbox.faults.SimulatorFaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal in Marketo's error envelope. As on the real service, a response-level error (token,
 * rate limit, quota, a bad request) comes with HTTP 200: only the body says it failed. The outage
 * switch ({@code down}) answers 503, as the gateway in front of an unavailable instance would.
 */
@RestControllerAdvice
class MarketoErrors {

    private static final Logger log = LoggerFactory.getLogger(MarketoErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static ResponseEntity<MarketoResponse> answer(int status, String code, String message) {
        return ResponseEntity.status(status).body(MarketoResponse.failed(code, message));
    }

    /** For interceptors, which answer before any controller runs. */
    static boolean refuse(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        JSON.writeValue(response.getWriter(), MarketoResponse.failed(code, message));
        return false;
    }

    /** The sandbox's faults, in Marketo's envelope. */
    static void fault(SimulatorFaults.Fault fault, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        switch (fault) {
            case DOWN -> refuse(response, 503, "608", "API Temporarily Unavailable (simulated)");
            case RATE_LIMITED -> {
                response.reset(); // drops the common Retry-After: Marketo sends none
                refuse(response, 200, "606", "Max rate limit '100' exceeded with in '20' secs (simulated)");
            }
            case ERROR -> refuse(response, 200, "611", "System error (simulated)");
        }
    }

    @ExceptionHandler
    ResponseEntity<MarketoResponse> refused(MarketoException e, HttpServletRequest request) {
        // the sandbox's own switches are no Marketo API: they keep their HTTP status
        return answer(request.getRequestURI().startsWith("/__sandbox") ? e.status() : 200, e.code(), e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<MarketoResponse> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            var field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                    .collect(Collectors.joining("."));
            return answer(200, "1003", "Invalid value for '" + field + "': " + mapping.getOriginalMessage());
        }
        return answer(200, "609", "Invalid JSON");
    }

    @ExceptionHandler
    ResponseEntity<MarketoResponse> other(Exception e) {
        if (e instanceof ErrorResponse framework) {
            int status = framework.getStatusCode().value();
            return answer(status, status == 404 ? "610" : "1003",
                    status == 404 ? "Requested resource not found" : e.getMessage());
        }
        log.error("Marketing simulator failed on a request", e);
        return answer(200, "611", "System error");
    }
}
