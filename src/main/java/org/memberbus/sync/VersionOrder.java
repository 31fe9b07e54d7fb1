package org.memberbus.sync;

import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * How one system's versions are ordered, so a late or replayed event is never applied over a
 * newer one. Versions travel and are stored as text (the ledger keeps them as the system gave them).
 */
enum VersionOrder implements Comparator<String> {

    /** ISO-8601 instants, with Salesforce's offset without a colon ({@code 2026-11-23T10:00:00.000+0000}). */
    TIMESTAMP("timestamp") {
        @Override
        public int compare(String a, String b) {
            return instant(a).compareTo(instant(b));
        }
    },

    /** Integers that grow with every change (the community account's {@code version}). */
    SEQUENCE("sequence") {
        @Override
        public int compare(String a, String b) {
            return integer(a).compareTo(integer(b));
        }
    };

    // ISO_LOCAL_DATE_TIME takes any fraction of a second; then "+00:00", "Z" or Salesforce's "+0000"
    private static final DateTimeFormatter OFFSET_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private final String code;

    VersionOrder(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    /** True when {@code version} is strictly newer than {@code lastSeen} (anything is newer than nothing). */
    boolean isNewer(String version, String lastSeen) {
        return lastSeen == null || compare(version, lastSeen) > 0;
    }

    static VersionOrder ofCode(String code) {
        for (var order : values()) {
            if (order.code.equals(code)) {
                return order;
            }
        }
        return null;
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text.trim(), OFFSET_TIMESTAMP).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("not an ISO-8601 timestamp version: '" + text + "'", e);
        }
    }

    private static BigInteger integer(String text) {
        try {
            return new BigInteger(text.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("not an integer version: '" + text + "'", e);
        }
    }
}
