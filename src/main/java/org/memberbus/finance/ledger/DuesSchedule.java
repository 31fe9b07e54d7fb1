package org.memberbus.finance.ledger;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How dues are earned over the term: daily pro rata, each month the share of its days in the term.
 * Shares are cut from the running total (rounded half up), so no month drifts by more than half a
 * cent and the last month takes what rounding left: the shares add up to the amount exactly.
 */
final class DuesSchedule {

    /** One month's share of a payment. */
    record Share(YearMonth month, long cents) {}

    private DuesSchedule() {}

    /** The shares of {@code cents} over {@code start} to {@code end}, both days included. */
    static List<Share> of(long cents, LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("term_end " + end + " is before term_start " + start);
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        var shares = new ArrayList<Share>();
        long daysSoFar = 0;
        long centsSoFar = 0;
        for (var month = YearMonth.from(start); !month.isAfter(YearMonth.from(end)); month = month.plusMonths(1)) {
            var from = start.isAfter(month.atDay(1)) ? start : month.atDay(1);
            var to = end.isBefore(month.atEndOfMonth()) ? end : month.atEndOfMonth();
            daysSoFar += ChronoUnit.DAYS.between(from, to) + 1;
            long upToHere = daysSoFar == days ? cents : roundedShare(cents, daysSoFar, days);
            shares.add(new Share(month, upToHere - centsSoFar));
            centsSoFar = upToHere;
        }
        return shares;
    }

    /** cents * part / whole, rounded half up, without overflow. */
    private static long roundedShare(long cents, long part, long whole) {
        var product = BigInteger.valueOf(cents).multiply(BigInteger.valueOf(part)).multiply(BigInteger.TWO)
                .add(BigInteger.valueOf(whole));
        return product.divide(BigInteger.valueOf(whole).multiply(BigInteger.TWO)).longValueExact();
    }
}
