package org.memberbus.member.join;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
import org.memberbus.member.MembershipLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Membership prices from {@code config/pricing.yaml} (business people change them): dues per level,
 * the currency and the term, and the proration rules ({@link DuesRules}) that
 * {@code finance.dues.DuesPricing} quotes with. Read at start-up, which fails on a bad file; read again when the file
 * changes, and a bad edit then is refused with its reason while the prices in force stay.
 */
@Component
public class MembershipPricing {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipPricing.class);

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

    private final String path;
    private volatile Prices prices;
    private FileTime lastModified; // guarded by this

    public MembershipPricing(@Value("${memberbus.join.pricing-path:config/pricing.yaml}") String path) {
        this.path = path;
        var file = Path.of(path);
        if (Files.isRegularFile(file)) {
            this.lastModified = modified(file);
            this.prices = parse(read(file), path);
        } else { // the jar run from another folder: the copy it carries under config/
            try (InputStream in = MembershipPricing.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("Membership prices not found: " + path
                            + " is neither a file nor on the classpath");
                }
                this.prices = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + path);
            } catch (IOException e) {
                throw new IllegalStateException("Membership prices unreadable: " + path + ": " + e.getMessage(), e);
            }
        }
        LOG.info("Membership prices from {}: {} per {} {}, terms {}", path, prices.dues(), prices.term(), prices.currency(),
                prices.rules().terms());
    }

    /** The prices in force, read again first if the file changed since. */
    public Prices current() {
        reloadIfChanged();
        return prices;
    }

    private synchronized void reloadIfChanged() {
        var file = Path.of(path);
        if (lastModified == null || !Files.isRegularFile(file)) {
            return;
        }
        var modified = modified(file);
        if (modified.equals(lastModified)) {
            return;
        }
        lastModified = modified;
        try {
            prices = parse(read(file), path);
            LOG.info("Membership prices changed in {}: {} per {} {}, terms {}", path, prices.dues(), prices.term(),
                    prices.currency(), prices.rules().terms());
        } catch (IllegalStateException | IllegalArgumentException e) {
            LOG.error("Membership prices in {} refused, the prices in force stay: {}", path, e.getMessage());
        }
    }

    /** Parses and checks the file; every mistake is named in the message. */
    public static Prices parse(String yaml, String source) {
        Object root;
        try {
            var options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
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

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Membership prices unreadable: " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
