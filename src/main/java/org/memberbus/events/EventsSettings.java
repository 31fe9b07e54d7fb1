package org.memberbus.events;

import java.time.Duration;
import java.util.Map;
import org.memberbus.infra.ConfigFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * config/events.yaml, for the association's staff: how long a freed seat is held for the next
 * person on the waitlist, when they are reminded before it expires, and how long a check-in QR
 * code stays valid after the event's day. Read again when the file changes.
 */
@Component("eventsSettings")
public class EventsSettings {

    record Values(Duration offerExpiresAfter, Duration reminderBefore, Duration checkinTokenValidFor) {}

    private final ConfigFile<Values> file;

    EventsSettings(@Value("${memberbus.events.config-path:config/events.yaml}") String path) {
        this.file = new ConfigFile<>("Events settings", path, EventsSettings::parse, Values::toString);
        file.current();
    }

    static Values parse(String yaml, String source) {
        if (!(ConfigFile.yaml(yaml, source) instanceof Map<?, ?> root) || !(root.get("waitlist") instanceof Map<?, ?> waitlist)) {
            throw new IllegalStateException("events settings " + source + ": a 'waitlist' section is required");
        }
        var expires = duration(source, "waitlist.offer-expires-after", waitlist.get("offer-expires-after"));
        var reminder = duration(source, "waitlist.reminder-before", waitlist.get("reminder-before"));
        if (reminder.compareTo(expires) >= 0) {
            throw new IllegalStateException("events settings " + source + ": waitlist.reminder-before must be shorter than offer-expires-after");
        }
        var checkin = root.get("checkin") instanceof Map<?, ?> c ? c.get("token-valid-for") : null;
        return new Values(expires, reminder, checkin == null ? Duration.ofDays(30) : duration(source, "checkin.token-valid-for", checkin));
    }

    private static Duration duration(String source, String key, Object value) {
        if (value == null) {
            throw new IllegalStateException("events settings " + source + ": " + key + " is required (an ISO duration such as PT24H)");
        }
        try {
            var d = Duration.parse(value.toString());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalStateException("events settings " + source + ": " + key + " must be positive");
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalStateException("events settings " + source + ": " + key + " is not an ISO duration: " + value);
        }
    }

    public Duration offerExpiresAfter() {
        return file.current().offerExpiresAfter();
    }

    public Duration reminderBefore() {
        return file.current().reminderBefore();
    }

    public Duration checkinTokenValidFor() {
        return file.current().checkinTokenValidFor();
    }
}
