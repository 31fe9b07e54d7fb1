package org.memberbus.reporting;

/** A refused reporting API call: answered with {@code status} and the reason (routeConfiguration reporting-api). */
public class ReportingApiException extends RuntimeException {

    private final int status;

    public ReportingApiException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    /** A bad request (400): what a route's throwException step raises. */
    public ReportingApiException(String reason) {
        this(400, reason);
    }

    public int getStatus() {
        return status;
    }

    public String getReason() {
        return getMessage();
    }
}
