package org.memberbus.sandbox.exams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A refusal the API answers as {@code {"error": code, "message": ..., ...details}} with {@code status}. */
final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final Map<String, Object> details;

    ApiException(int status, String error, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.error = error;
        this.details = details;
    }

    static ApiException notFound(String what, String id) {
        return new ApiException(404, "not_found", "no " + what + " with id " + id, Map.of());
    }

    static ApiException invalid(List<FieldError> errors) {
        var message = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                : errors.size() + " fields are invalid";
        return new ApiException(400, "invalid_request", message, Map.of("errors", errors));
    }

    static ApiException invalid(String field, String reason) {
        return invalid(List.of(new FieldError(field, reason)));
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", error);
        body.put("message", getMessage());
        body.putAll(details);
        return body;
    }

    /** One reason a request was refused, named by the JSON path of the field. */
    record FieldError(String field, String reason) {}
}
