package org.memberbus.access;

/** A refused call to the access API: the HTTP status and the reason the caller is told. */
public class AccessApiException extends RuntimeException {

    private final int status;

    public AccessApiException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
