package org.memberbus.events;

import java.util.Map;

/** A call to the events API the bus refuses: its HTTP status and the reason, answered as {"error": reason}. */
public class EventsApiException extends RuntimeException {

    private final int status;

    public EventsApiException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int getStatus() {
        return status;
    }

    public Map<String, Object> getAnswer() {
        return Map.of("error", getMessage(), "status", status);
    }
}
