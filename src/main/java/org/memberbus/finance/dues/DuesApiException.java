package org.memberbus.finance.dues;

/** A dues API request refused: the HTTP status and the reason the caller reads. */
public class DuesApiException extends RuntimeException {

    private final int status;

    public DuesApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
