package org.memberbus.member.join;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memberbus.finance.dues.DuesRules;
import org.memberbus.infra.ConfigFile;
import org.memberbus.member.MembershipLevel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Membership prices from {@code config/pricing.yaml} (business people change them): dues per level,
 * the currency and the term, and the proration rules ({@link DuesRules}) that
 * {@code finance.dues.DuesPricing} quotes with. Read at start-up, which fails on a bad file; read again when the file
 * changes, and a bad edit then is refused with its reason while the prices in force stay.
 */
@Component
public class MembershipPricing {

    /** The prices in force. */
    public record Prices(String currency, Period term, Map<MembershipLevel, BigDecimal> dues, DuesRules rules) {

        public Prices(String currency, Period term, Map<MembershipLevel, BigDecimal> dues) {
            this(currency, term, dues, DuesRules.ANNIVERSARY_ONLY);
        }

        public BigDecimal duesFor(MembershipLevel level) {
            return dues.get(level);
        }

        /** The last day of a membership that starts on {@code start}. */
        public LocalDate endOf(LocalDate start) {
            return start.plus(term).minusDays(1);
        }
    }

    private final ConfigFile<Prices> file;

    public MembershipPricing(@Value("${memberbus.join.pricing-path:config/pricing.yaml}") String path) {
        this.file = new ConfigFile<>("Membership prices", path, MembershipPricing::parse,
                prices -> prices.dues() + " per " + prices.term() + " " + prices.currency() + ", terms " + prices.rules().terms());
    }

    /** The prices in force, read again first if the file changed since. */
    public Prices current() {
        return file.current();
    }

    /** Parses and checks the file; every mistake is named in the message. */
    public static Prices parse(String yaml, String source) {
        Object root = ConfigFile.yaml(yaml, source);
        var errors = new ArrayList<String>();
        if (!(root instanceof Map<?, ?> top) || !(top.get("membership") instanceof Map<?, ?> membership)) {
            throw new IllegalArgumentException(source + ": expected a 'membership:' section with currency, term and dues");
        }
        String currency = null;
        if (membership.get("currency") instanceof String c) {
            try {
                currency = Currency.getInstance(c.trim().toUpperCase(Locale.ROOT)).getCurrencyCode();
            } catch (IllegalArgumentException e) {
                errors.add("membership.currency: '" + c + "' is not an ISO 4217 currency code");
            }
        } else {
            errors.add("membership.currency: missing (e.g. USD)");
        }
        Period term = null;
        if (membership.get("term") instanceof String t) {
            try {
                term = Period.parse(t.trim());
                if (term.isNegative() || term.isZero()) {
                    errors.add("membership.term: must be longer than nothing (e.g. P1Y)");
                }
            } catch (DateTimeParseException e) {
                errors.add("membership.term: '" + t + "' is not an ISO-8601 period (e.g. P1Y, P6M)");
            }
        } else {
            errors.add("membership.term: missing (e.g. P1Y)");
        }
        var dues = new EnumMap<MembershipLevel, BigDecimal>(MembershipLevel.class);
        if (membership.get("dues") instanceof Map<?, ?> byLevel) {
            byLevel.forEach((key, value) -> {
                MembershipLevel level;
                try {
                    level = MembershipLevel.valueOf(String.valueOf(key).trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add("membership.dues." + key + ": not a membership level " + List.of(MembershipLevel.values()));
                    return;
                }
                if (!(value instanceof Number number)) {
                    errors.add("membership.dues." + key + ": '" + value + "' is not an amount");
                    return;
                }
                var amount = new BigDecimal(number.toString());
                if (amount.signum() < 0 || amount.scale() > 2) {
                    errors.add("membership.dues." + key + ": " + amount + " must be zero or more, in cents at most");
                    return;
                }
                dues.put(level, amount);
            });
            for (MembershipLevel level : MembershipLevel.values()) {
                if (!dues.containsKey(level) && !byLevel.containsKey(level.name())) {
                    errors.add("membership.dues." + level + ": missing");
                }
            }
        } else {
            errors.add("membership.dues: missing (the price of each level)");
        }
        // proration: term kinds, the table by month joined, level changes (finance.dues)
        var rules = DuesRules.parse(membership, term, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", errors));
        }
        return new Prices(currency, term, java.util.Collections.unmodifiableMap(dues), rules);
    }
}
