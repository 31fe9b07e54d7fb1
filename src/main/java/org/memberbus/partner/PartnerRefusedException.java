package org.memberbus.partner;

/**
 * A partner refused the command as wrong in its own words (a Marketo error code other than the
 * transient ones, with HTTP 200): no retry will change that, so it goes to the dead-letter queue
 * with the partner's reason, like an HTTP 4xx.
 */
public class PartnerRefusedException extends RuntimeException {

    public PartnerRefusedException(String message) {
        super(message);
    }

    /** Read like an HTTP 400 by the shared partner-sink error handling. */
    public int getStatusCode() {
        return 400;
    }
}
