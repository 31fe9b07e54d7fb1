package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Stripe's Price object: an amount per unit, one-off or recurring. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Price(String id, String object, boolean active, String billingScheme, long created, String currency,
             boolean livemode, String lookupKey, Map<String, String> metadata, String nickname, String product,
             Recurring recurring, String type, long unitAmount, String unitAmountDecimal) implements ApiObject {

    static Price create(String id, long created, String currency, long unitAmount, String product, Recurring recurring,
                        String nickname, String lookupKey, Map<String, String> metadata) {
        return new Price(id, "price", true, "per_unit", created, currency, false, lookupKey, metadata, nickname,
                product, recurring, recurring == null ? "one_time" : "recurring", unitAmount,
                String.valueOf(unitAmount));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Recurring(String interval, long intervalCount, String usageType) {

        static Recurring every(long count, String interval) {
            return new Recurring(interval, count, "licensed");
        }

        /** The end of a billing period that starts at {@code start} (unix seconds, UTC calendar). */
        long periodEnd(long start) {
            var from = ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(start), ZoneOffset.UTC);
            var unit = switch (interval) {
                case "day" -> ChronoUnit.DAYS;
                case "week" -> ChronoUnit.WEEKS;
                case "month" -> ChronoUnit.MONTHS;
                case "year" -> ChronoUnit.YEARS;
                default -> throw new IllegalStateException("interval " + interval);
            };
            return from.plus(intervalCount, unit).toEpochSecond();
        }
    }
}
