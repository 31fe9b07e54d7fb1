package org.memberbus.sandbox.salesforce;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * The date and time formats Salesforce uses on the wire: REST answers carry
 * {@code 2026-11-23T10:00:00.000+0000}, change events {@code 2026-11-23T10:00:00Z}, and clients
 * may send any ISO-8601 form.
 */
final class SalesforceTime {

    private static final DateTimeFormatter REST = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EVENT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    /** Accepts 2026-11-23T10:00:00Z, ...00.000+0000, ...00+00:00 and a bare date-time (UTC). */
    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter();

    private SalesforceTime() {}

    /** Salesforce keeps milliseconds. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static String rest(Instant instant) {
        return REST.format(instant);
    }

    static String event(Instant instant) {
        return EVENT.format(instant);
    }

    static Instant parseDateTime(String text) {
        try {
            return OffsetDateTime.parse(text.trim(), LENIENT).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a dateTime: " + text, e);
        }
    }

    static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date: " + text, e);
        }
    }

    static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
