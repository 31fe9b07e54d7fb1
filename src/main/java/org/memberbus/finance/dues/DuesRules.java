package org.memberbus.finance.dues;

import java.time.Month;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memberbus.member.MembershipLevel;

/**
 * The proration part of config/pricing.yaml: each level's term kind, the table by month joined
 * for calendar-year terms, and what a downgrade credits. Read by MembershipPricing with the rest
 * of the file, so one edit is checked and applied whole.
 */
public record DuesRules(Map<MembershipLevel, TermKind> terms, List<ProrationRule> proration, int downgradeCreditPercent) {

    /** Today's behaviour, for a file without the proration sections: every level anniversary. */
    public static final DuesRules ANNIVERSARY_ONLY = new DuesRules(Map.of(), List.of(), 0);

    public TermKind termOf(MembershipLevel level) {
        return terms.getOrDefault(level, TermKind.ANNIVERSARY);
    }

    ProrationRule ruleFor(Month month) {
        return proration.stream().filter(r -> r.covers(month)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no proration rule for " + month));
    }

    /**
     * The sections {@code terms}, {@code proration} and {@code changes} of {@code membership};
     * every mistake is added to {@code errors} (and the answer is then of no use).
     */
    public static DuesRules parse(Map<?, ?> membership, Period term, List<String> errors) {
        var terms = new EnumMap<MembershipLevel, TermKind>(MembershipLevel.class);
        if (membership.get("terms") instanceof Map<?, ?> byLevel) {
            byLevel.forEach((key, value) -> {
                try {
                    var level = MembershipLevel.valueOf(String.valueOf(key).trim().toUpperCase(Locale.ROOT));
                    terms.put(level, TermKind.parse(String.valueOf(value)));
                } catch (IllegalArgumentException e) {
                    errors.add("membership.terms." + key + ": " + (e.getMessage().contains("term kind") ? e.getMessage()
                            : "not a membership level " + List.of(MembershipLevel.values())));
                }
            });
        } else if (membership.get("terms") != null) {
            errors.add("membership.terms: expected level: anniversary|calendar-year");
        }
        boolean calendar = terms.containsValue(TermKind.CALENDAR_YEAR);
        if (calendar && term != null && !term.equals(Period.ofYears(1))) {
            errors.add("membership.terms: calendar-year terms need term: P1Y (is " + term + ")");
        }

        var rules = new ArrayList<ProrationRule>();
        if (membership.get("proration") instanceof List<?> rows) {
            for (int i = 0; i < rows.size(); i++) {
                var where = "membership.proration[" + i + "]";
                if (!(rows.get(i) instanceof Map<?, ?> row)) {
                    errors.add(where + ": expected {months: JAN-MAR, share: 100}");
                    continue;
                }
                try {
                    var months = String.valueOf(row.get("months")).trim().toUpperCase(Locale.ROOT).split("\\s*-\\s*");
                    if (months.length > 2) {
                        throw new IllegalArgumentException("months '" + row.get("months") + "' is not MON or MON-MON");
                    }
                    if (!(row.get("share") instanceof Integer share)) {
                        throw new IllegalArgumentException("share '" + row.get("share") + "' is not a whole percent");
                    }
                    var plus = row.get("plus-next-term");
                    if (plus != null && !(plus instanceof Boolean)) {
                        throw new IllegalArgumentException("plus-next-term '" + plus + "' is not true or false");
                    }
                    rules.add(new ProrationRule(month(months[0]), month(months[months.length - 1]), share,
                            Boolean.TRUE.equals(plus)));
                } catch (IllegalArgumentException e) {
                    errors.add(where + ": " + e.getMessage());
                }
            }
            for (var month : Month.values()) {
                long covering = rules.stream().filter(r -> r.covers(month)).count();
                if (covering != 1 && rules.size() == rows.size()) {
                    errors.add("membership.proration: " + month + " is covered " + covering + " times, must be once");
                }
            }
        } else if (membership.get("proration") != null) {
            errors.add("membership.proration: expected a list of {months, share, plus-next-term}");
        } else if (calendar) {
            errors.add("membership.proration: missing, and a level has calendar-year terms");
        }

        int credit = 0;
        if (membership.get("changes") instanceof Map<?, ?> changes) {
            var value = changes.get("downgrade-credit");
            if (value instanceof Integer c && c >= 0 && c <= 100) {
                credit = c;
            } else if (value != null) {
                errors.add("membership.changes.downgrade-credit: '" + value + "' is not a percent 0 to 100");
            }
        }
        return new DuesRules(Collections.unmodifiableMap(terms), List.copyOf(rules), credit);
    }

    private static Month month(String text) {
        for (var month : Month.values()) {
            if (month.name().startsWith(text) && text.length() >= 3) {
                return month;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a month (JAN, FEB, ...)");
    }
}
