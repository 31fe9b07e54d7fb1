package org.memberbus.inbound;

import java.util.LinkedHashMap;
import java.util.Map;

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

    /** The answer to the caller, for a route to marshal as JSON. */
    public Map<String, Object> getAnswer() {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("error", "rejected");
        answer.put("status", status);
        answer.put("reason", getMessage());
        return answer;
    }
}
