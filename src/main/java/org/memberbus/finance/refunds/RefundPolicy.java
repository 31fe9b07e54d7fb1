package org.memberbus.finance.refunds;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.memberbus.infra.ConfigFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The refund policy of {@code config/refund-policy.yaml}: per payment purpose, a full refund within
 * so many days of the payment, nothing after so many, and between the two the unused share of the
 * term the payment bought (or nothing). Read at start-up (a bad file stops the start with its reason)
 * and again whenever it changes (a bad edit is refused, the policy in force stays).
 */
@Component
public class RefundPolicy {

    /** One purpose's rule. */
    record Rule(int fullWithinDays, int noneAfterDays, boolean prorateByTerm) {}

    /** What the policy allows: {@code amount} in minor units (0 = denied) and the rule that decided, in words. */
    public record Outcome(long amount, String rule) {
        public boolean granted() {
            return amount > 0;
        }
    }

    /** The rules in force: one per purpose, and the default for any other. */
    record Rules(Rule fallback, Map<String, Rule> byPurpose) {}

    private final ConfigFile<Rules> file;

    public RefundPolicy(@Value("${memberbus.refunds.policy-path:config/refund-policy.yaml}") String path) {
        this.file = new ConfigFile<>("Refund policy", path, RefundPolicy::parse, Rules::toString);
    }

    /** Parses and checks the file; a mistake is named in the message. */
    static Rules parse(String yaml, String source) {
        if (!(ConfigFile.yaml(yaml, source) instanceof Map<?, ?> root) || !(root.get("default") instanceof Map<?, ?> defaults)) {
            throw new IllegalStateException("refund policy " + source + ": a 'default' rule is required");
        }
        var byPurpose = new LinkedHashMap<String, Rule>();
        if (root.get("purposes") instanceof Map<?, ?> purposes) {
            purposes.forEach((name, value) -> {
                if (!(value instanceof Map<?, ?> map)) {
                    throw new IllegalStateException("refund policy " + source + ": purposes." + name + " must be a map");
                }
                byPurpose.put(name.toString(), rule("purposes." + name, map));
            });
        }
        return new Rules(rule("default", defaults), Map.copyOf(byPurpose));
    }

    private static Rule rule(String where, Map<?, ?> map) {
        int full = days(where, map, "full-within-days");
        int none = days(where, map, "none-after-days");
        if (none < full) {
            throw new IllegalStateException("refund policy " + where + ": none-after-days is before full-within-days");
        }
        Object prorate = map.get("prorate");
        if (prorate != null && !prorate.equals("term") && !prorate.equals("none")) {
            throw new IllegalStateException("refund policy " + where + ".prorate: term or none, not " + prorate);
        }
        return new Rule(full, none, "term".equals(prorate));
    }

    private static int days(String where, Map<?, ?> map, String key) {
        if (!(map.get(key) instanceof Integer days) || days < 0) {
            throw new IllegalStateException("refund policy " + where + "." + key + ": a number of days (0 or more) is required");
        }
        return days;
    }

    /**
     * What may be refunded of a payment of {@code amount} (of which {@code refunded} went back
     * already) paid on {@code paidOn} for {@code purpose}, asked on {@code today}; {@code requested}
     * (may be null) caps it. The term is {@code termStart}..{@code termEnd} (inclusive) when known.
     */
    public Outcome decide(String purpose, long amount, long refunded, LocalDate paidOn, LocalDate termStart,
                          LocalDate termEnd, LocalDate today, Long requested) {
        String name = purpose == null ? "unknown purpose" : purpose;
        var rules = file.current();
        Rule rule = rules.byPurpose().getOrDefault(name, rules.fallback());
        long left = amount - refunded;
        long days = Math.max(0, ChronoUnit.DAYS.between(paidOn, today));
        if (left <= 0) {
            return new Outcome(0, "nothing left to refund: " + refunded + " of " + amount + " refunded already");
        }
        long allowed;
        String why;
        if (days <= rule.fullWithinDays()) {
            allowed = left;
            why = "full refund within " + rule.fullWithinDays() + " days of payment (" + name + ", paid " + days + " days ago)";
        } else if (days > rule.noneAfterDays() || !rule.prorateByTerm()) {
            return new Outcome(0, "no refund after " + (rule.prorateByTerm() ? rule.noneAfterDays() : rule.fullWithinDays())
                    + " days (" + name + ", paid " + days + " days ago)");
        } else {
            LocalDate start = termStart != null ? termStart : paidOn;
            LocalDate end = termEnd != null ? termEnd : start.plusYears(1).minusDays(1);
            long termDays = ChronoUnit.DAYS.between(start, end) + 1;
            long unusedDays = Math.max(0, Math.min(termDays, ChronoUnit.DAYS.between(today, end) + 1));
            long share = termDays <= 0 ? 0 : amount * unusedDays / termDays;
            allowed = share - refunded;
            why = "prorated: " + unusedDays + " of " + termDays + " days of the term unused (" + name + ", paid "
                    + days + " days ago)";
            if (allowed <= 0) {
                return new Outcome(0, why + "; the unused share was refunded already");
            }
        }
        if (requested != null && requested < allowed) {
            return new Outcome(requested, why + "; " + requested + " asked for");
        }
        return new Outcome(allowed, why);
    }
}
