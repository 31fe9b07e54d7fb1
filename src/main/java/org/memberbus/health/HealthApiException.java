package org.memberbus.health;

/** A request the health API refuses: the HTTP status and the reason, as the caller sees them. */
public class HealthApiException extends RuntimeException {

    private final int status;

    public HealthApiException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int getStatus() {
        return status;
    }

    public String getReason() {
        return getMessage();
    }
}
