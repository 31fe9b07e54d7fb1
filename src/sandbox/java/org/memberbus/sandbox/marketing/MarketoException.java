package org.memberbus.sandbox.marketing;

/**
 * A refusal with a Marketo error code, answered as Marketo does: HTTP 200 and {@code success: false}
 * (the status kept here is what the error means, for the simulator's own reading; it is not sent).
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
