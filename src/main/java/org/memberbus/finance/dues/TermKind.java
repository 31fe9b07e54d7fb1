package org.memberbus.finance.dues;

import java.util.Locale;

/** How a level's membership terms run (config/pricing.yaml, {@code membership.terms}). */
public enum TermKind {
    /** From the day a member joins, for one term. */
    ANNIVERSARY,
    /** January 1 to December 31; a join during the year is prorated. */
    CALENDAR_YEAR;

    /** As the file spells it: {@code anniversary}, {@code calendar-year}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static TermKind parse(String text) {
        for (var kind : values()) {
            if (kind.spelling().equalsIgnoreCase(text.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a term kind (anniversary, calendar-year)");
    }
}
