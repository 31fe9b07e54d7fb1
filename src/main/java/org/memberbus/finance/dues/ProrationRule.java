package org.memberbus.finance.dues;

import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * One row of the proration table: joined in the months {@code from}..{@code to}, a calendar-year
 * member pays {@code sharePercent} of one term's dues; with {@code plusNextTerm} that buys the rest
 * of this year and all of the next (the "over 100 %" rows late in the year).
 */
public record ProrationRule(Month from, Month to, int sharePercent, boolean plusNextTerm) {

    public ProrationRule {
        if (to.getValue() < from.getValue()) {
            throw new IllegalArgumentException(from + "-" + to + " runs backwards");
        }
        if (sharePercent < 0 || sharePercent > 300) {
            throw new IllegalArgumentException("share " + sharePercent + " % must be 0 to 300");
        }
    }

    boolean covers(Month month) {
        return month.getValue() >= from.getValue() && month.getValue() <= to.getValue();
    }

    /** For people: "joined October-December: 125 % (rest of this term plus the next)". */
    String describe() {
        var months = from == to ? name(from) : name(from) + "-" + name(to);
        return "joined " + months + ": " + sharePercent + " %" + (plusNextTerm ? " (rest of this term plus the next)" : "");
    }

    private static String name(Month month) {
        return month.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
