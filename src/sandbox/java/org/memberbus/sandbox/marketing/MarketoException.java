package org.memberbus.sandbox.marketing;

/**
 * A refusal with a Marketo error code. Real Marketo answers these with HTTP 200 and
 * {@code success: false}; the simulator also sets a matching HTTP status, so a plain HTTP client
 * (camel-http) sees the failure without reading the body.
 */
class MarketoException extends RuntimeException {

    private final int status;
    private final String code;

    MarketoException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
