package org.memberbus.sandbox.accounting;

import java.util.List;
import java.util.Map;

/**
 * A refused request, answered as RFC 9457 problem details: an HTTP status, a stable machine
 * {@code code}, a human {@code detail}, and for validation failures every problem found.
 */
final class LedgerProblem extends RuntimeException {

    /** One thing wrong with the request: where, what kind, and why. */
    record FieldError(String field, String code, String message) {}

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> properties;

    LedgerProblem(int status, String code, String title, String detail, List<FieldError> errors) {
        this(status, code, title, detail, errors, Map.of());
    }

    LedgerProblem(int status, String code, String title, String detail, List<FieldError> errors,
                  Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.properties = properties;
    }

    static LedgerProblem notFound(String what) {
        return new LedgerProblem(404, "not_found", "Not found", what + " does not exist", List.of());
    }

    static LedgerProblem conflict(String code, String detail) {
        return new LedgerProblem(409, code, "Conflict", detail, List.of());
    }

    static LedgerProblem badRequest(String detail) {
        return new LedgerProblem(400, "bad_request", "Bad request", detail, List.of());
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String title() {
        return title;
    }

    List<FieldError> errors() {
        return errors;
    }

    /** Extra members of the problem, such as the totals of an unbalanced entry. */
    Map<String, Object> properties() {
        return properties;
    }
}
