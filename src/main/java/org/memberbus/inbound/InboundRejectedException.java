package org.memberbus.inbound;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** An inbound call the bus refuses: the HTTP status to answer and a reason a partner can act on. */
public class InboundRejectedException extends RuntimeException {

    private final int status;

    public InboundRejectedException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int getStatus() {
        return status;
    }

    public String getReason() {
        return getMessage();
    }

    /** The JSON answer to the caller. */
    public String getBody() {
        return "{\"error\":\"rejected\",\"status\":" + status + ",\"reason\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(getMessage())) + "\"}";
    }
}
