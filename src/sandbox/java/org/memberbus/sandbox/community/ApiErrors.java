package org.memberbus.sandbox.community;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.memberbus.sandbox.faults.SimulatorFaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every refusal as {@code {"error": "...", "field": "..."}}, the one error shape of the API. */
@RestControllerAdvice
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Body(String error, String field) {}

    /** For interceptors, which answer before any controller runs. */
    static boolean refuse(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + error + "\"}");
        return false;
    }

    /** The sandbox's faults, in the API's one error shape. */
    static void fault(SimulatorFaults.Fault fault, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        switch (fault) {
            case DOWN -> refuse(response, 503, "community platform is unavailable (simulated outage)");
            case RATE_LIMITED -> refuse(response, 429, "rate limit exceeded (simulated)");
            case ERROR -> refuse(response, 500, "internal error (simulated)");
        }
    }

    static ResponseEntity<Body> answer(int status, String error, String field) {
        return ResponseEntity.status(status).body(new Body(error, field));
    }

    @ExceptionHandler
    ResponseEntity<Body> refused(ApiException e) {
        return answer(e.status(), e.getMessage(), e.field());
    }

    /** Malformed JSON, or a value of the wrong type (an unknown enum name, a bad date). */
    @ExceptionHandler
    ResponseEntity<Body> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return answer(400, "invalid value: " + mapping.getOriginalMessage(), JsonPaths.of(mapping));
        }
        return answer(400, "request body is not valid JSON", null);
    }

    @ExceptionHandler
    ResponseEntity<Body> badParameter(MethodArgumentTypeMismatchException e) {
        return answer(400, "invalid value '" + e.getValue() + "'", e.getName());
    }

    @ExceptionHandler
    ResponseEntity<Body> missingParameter(MissingServletRequestParameterException e) {
        return answer(400, "required parameter is missing", e.getParameterName());
    }

    @ExceptionHandler
    ResponseEntity<Body> missingHeader(MissingRequestHeaderException e) {
        return answer(400, "required header is missing", e.getHeaderName());
    }

    /** Spring MVC's own refusals (unknown path, wrong method, wrong media type) keep their status. */
    @ExceptionHandler
    ResponseEntity<Body> other(Exception e) {
        if (e instanceof ErrorResponse framework) {
            var status = HttpStatus.resolve(framework.getStatusCode().value());
            return answer(framework.getStatusCode().value(), status != null ? status.getReasonPhrase() : "error", null);
        }
        log.error("Community simulator failed on a request", e);
        return answer(500, "internal error: " + e.getClass().getSimpleName(), null);
    }
}
