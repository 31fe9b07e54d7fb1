package org.memberbus.finance.success;

/** A customer-success finance request refused, with the HTTP status and the reason given to the caller. */
public class CsFinanceException extends RuntimeException {

    private final int status;

    public CsFinanceException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
