package org.memberbus.sandbox.salesforce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A documented Salesforce REST error. Salesforce answers every error as a JSON array of
 * {@code {"message","errorCode","fields"}}; sObject Collections carry the same objects per record.
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final List<String> fields;

    ApiException(int status, String errorCode, String message, List<String> fields) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.fields = List.copyOf(fields);
    }

    ApiException(int status, String errorCode, String message) {
        this(status, errorCode, message, List.of());
    }

    static ApiException notFound() {
        return new ApiException(404, "NOT_FOUND", "The requested resource does not exist");
    }

    static ApiException malformedQuery(String message) {
        return new ApiException(400, "MALFORMED_QUERY", message);
    }

    static ApiException invalidField(String message) {
        return new ApiException(400, "INVALID_FIELD", message);
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    List<String> fields() {
        return fields;
    }

    /** One error object as Salesforce writes it. */
    Map<String, Object> toError() {
        var error = new LinkedHashMap<String, Object>();
        error.put("message", getMessage());
        error.put("errorCode", errorCode);
        error.put("fields", fields);
        return error;
    }

    /** The body of an error answer: a one-element array. */
    List<Map<String, Object>> toBody() {
        return List.of(toError());
    }
}
