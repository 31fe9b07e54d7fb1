package org.memberbus.finance.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.memberbus.infra.ConfigFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The GL accounts the bus books to, from {@code config/gl-mapping.yaml} (finance staff change it).
 * Read at start-up, which fails on a bad file; read again when the file changes, and a bad edit
 * then is refused with its reason while the mapping in force stays (as {@code MembershipPricing}).
 */
@Component("glMapping")
public class GlMapping {

    /** What to do with an entry dated in a closed period. */
    public enum ClosedPeriods { MOVE, HOLD }

    /** The mapping in force. Account codes are strings (the chart's codes). */
    public record Accounts(Set<String> duesPurposes, String deferredDues, Map<String, String> duesIncomeByLevel,
                           String duesIncomeUnknownLevel, Map<String, String> incomeByPurpose, String unidentified, String clearing, String bank, String fees,
                           String refunds, String disputedFunds, String disputesLost, String disputeFees,
                           long disputeFeeCents, ClosedPeriods closedPeriods) {

        public boolean isDues(String purpose) {
            return purpose != null && duesPurposes.contains(purpose);
        }

        /** The dues income account of a level, or null for a level the mapping does not know. */
        public String duesIncome(String level) {
            return level == null ? null : duesIncomeByLevel.get(level.trim().toLowerCase(Locale.ROOT));
        }

        /** As {@link #duesIncome}, falling back to {@code income-unknown-level}. */
        public String duesIncomeOrDefault(String level) {
            String account = duesIncome(level);
            return account != null ? account : duesIncomeUnknownLevel;
        }

        /** The income account of a purpose earned when paid, or null. */
        public String income(String purpose) {
            return purpose == null ? null : incomeByPurpose.get(purpose);
        }
    }

    private final ConfigFile<Accounts> file;

    public GlMapping(@Value("${memberbus.ledger.mapping-path:config/gl-mapping.yaml}") String path) {
        this.file = new ConfigFile<>("GL mapping", path, GlMapping::parse, Accounts::toString);
    }

    /** The mapping in force, read again first if the file changed since. */
    public Accounts current() {
        return file.current();
    }

    /** The deferred dues account (for the deferred-revenue report's ledger balance). */
    public String deferredDuesAccount() {
        return current().deferredDues();
    }

    /** True when an entry dated in a closed period is to be held for staff rather than moved. */
    public boolean holdClosedPeriods() {
        return current().closedPeriods() == ClosedPeriods.HOLD;
    }

    /** Parses and checks the file; every mistake is named in the message. */
    static Accounts parse(String yaml, String source) {
        Object root = ConfigFile.yaml(yaml, source);
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(source + ": expected sections dues, income, gateway, refunds, disputes, closed-periods");
        }
        var errors = new ArrayList<String>();
        var dues = section(top, "dues", errors);
        var purposes = new LinkedHashSet<String>();
        if (dues.get("purposes") instanceof List<?> list && !list.isEmpty()) {
            list.forEach(p -> purposes.add(String.valueOf(p).trim()));
        } else {
            errors.add("dues.purposes: missing (the metadata.purpose values of dues payments)");
        }
        String deferred = account(dues, "dues.deferred-revenue", "deferred-revenue", errors);
        var byLevel = new LinkedHashMap<String, String>();
        if (dues.get("income-by-level") instanceof Map<?, ?> levels && !levels.isEmpty()) {
            levels.forEach((level, code) -> byLevel.put(String.valueOf(level).trim().toLowerCase(Locale.ROOT),
                    account(levels, "dues.income-by-level." + level, level, errors)));
        } else {
            errors.add("dues.income-by-level: missing (the dues income account of each level)");
        }
        var income = new LinkedHashMap<String, String>();
        if (top.get("income") instanceof Map<?, ?> given) {
            given.forEach((purpose, code) -> income.put(String.valueOf(purpose).trim(),
                    account(given, "income." + purpose, purpose, errors)));
        } else {
            errors.add("income: missing (the income account of each purpose earned when paid)");
        }
        purposes.stream().filter(income::containsKey)
                .forEach(p -> errors.add("income." + p + ": " + p + " is a dues purpose (dues.purposes); it cannot be both"));
        var gateway = section(top, "gateway", errors);
        var refunds = section(top, "refunds", errors);
        var disputes = section(top, "disputes", errors);
        long feeCents = 0;
        if (disputes.get("fee") instanceof Number fee) {
            var amount = new BigDecimal(fee.toString());
            if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2) {
                errors.add("disputes.fee: " + amount + " must be zero or more, in cents at most");
            } else {
                feeCents = amount.movePointRight(2).longValueExact();
            }
        } else {
            errors.add("disputes.fee: missing (the dispute fee charged on a lost dispute, e.g. 15.00)");
        }
        ClosedPeriods closed = null;
        Object policy = top.get("closed-periods");
        try {
            closed = ClosedPeriods.valueOf(String.valueOf(policy).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("closed-periods: '" + policy + "' is neither move nor hold");
        }
        String unknownLevel = account(dues, "dues.income-unknown-level", "income-unknown-level", errors);
        String unidentified = null;
        if (top.get("unidentified") == null) {
            errors.add("unidentified: missing (the account of money whose purpose is unknown)");
        } else {
            unidentified = account(top, "unidentified", "unidentified", errors);
        }
        var result = new Accounts(Set.copyOf(purposes), deferred, java.util.Collections.unmodifiableMap(byLevel),
                unknownLevel, java.util.Collections.unmodifiableMap(income), unidentified,
                account(gateway, "gateway.clearing", "clearing", errors), account(gateway, "gateway.bank", "bank", errors),
                account(gateway, "gateway.fees", "fees", errors), account(refunds, "refunds.account", "account", errors),
                account(disputes, "disputes.held", "held", errors), account(disputes, "disputes.lost", "lost", errors),
                account(disputes, "disputes.fee-account", "fee-account", errors), feeCents, closed);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", errors));
        }
        return result;
    }

    private static Map<?, ?> section(Map<?, ?> top, String name, List<String> errors) {
        if (top.get(name) instanceof Map<?, ?> section) {
            return section;
        }
        errors.add(name + ": missing section");
        return Map.of();
    }

    /** An account code: digits or letters, quoted or not in the file. */
    private static String account(Map<?, ?> section, String where, Object key, List<String> errors) {
        Object value = section.get(key);
        if (value == null) {
            if (!section.isEmpty()) {
                errors.add(where + ": missing account code");
            }
            return null;
        }
        String code = String.valueOf(value).trim();
        if (!code.matches("[A-Za-z0-9.-]{1,20}")) {
            errors.add(where + ": '" + code + "' is not an account code");
            return null;
        }
        return code;
    }
}
