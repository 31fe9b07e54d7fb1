package org.memberbus.sandbox.community;

/** A refusal the API answers with {@code {"error": ..., "field": ...}} and the given status. */
class ApiException extends RuntimeException {

    private final int status;
    private final String field;

    ApiException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    static ApiException badRequest(String field, String message) {
        return new ApiException(400, message, field);
    }

    static ApiException notFound(String what) {
        return new ApiException(404, what + " not found", null);
    }

    static ApiException conflict(String field, String message) {
        return new ApiException(409, message, field);
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }
}
