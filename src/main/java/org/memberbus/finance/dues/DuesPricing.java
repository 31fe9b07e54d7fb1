package org.memberbus.finance.dues;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.memberbus.member.MembershipLevel;
import org.memberbus.member.join.MembershipPricing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What a person owes for a level on a day (config/pricing.yaml, read again when it changes): a
 * join, a renewal, an upgrade or a downgrade, each with the rule that applied and the term it
 * buys. The community shows it (GET /api/v1/pricing/dues) and the payment flows check the payment
 * that comes back against the same quote. Computes only.
 */
@Component("duesPricing")
public class DuesPricing {

    private static final Pattern CONTACT_ID = Pattern.compile("003[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    private final MembershipPricing pricing;
    private final Clock clock;

    @Autowired
    public DuesPricing(MembershipPricing pricing, @Value("${memberbus.lifecycle.time-zone:UTC}") ZoneId zone) {
        this(pricing, Clock.system(zone));
    }

    public DuesPricing(MembershipPricing pricing, Clock clock) {
        this.pricing = pricing;
        this.clock = clock;
    }

    /** Today where the CRM org reckons it. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    // ---- the quotes -------------------------------------------------------------------------

    /** The quote for a level on a day: a join without a current membership, else as {@link #quote(MembershipLevel, MemberTerm, LocalDate)}. */
    public DuesQuote quote(MembershipLevel level, MemberTerm current, LocalDate date) {
        if (current == null || current.status() == null) {
            return join(level, date);
        }
        if (!current.active()) {
            return reactivation(level, date);
        }
        boolean inTerm = current.start() == null || !date.isBefore(current.start());
        if (current.level() != null && current.level() != level && inTerm && !date.isAfter(current.end())) {
            return change(current, level, date);
        }
        return renewal(level, current, date);
    }

    /** A new member joining on {@code date}: anniversary full dues, calendar-year by the proration table. */
    public DuesQuote join(MembershipLevel level, LocalDate date) {
        var prices = pricing.current();
        long full = cents(level);
        if (prices.rules().termOf(level) == TermKind.ANNIVERSARY) {
            return new DuesQuote(DuesQuote.JOIN, level, full, prices.currency(),
                    "anniversary term: the full " + level + " dues of " + money(full), date, prices.endOf(date));
        }
        var rule = prices.rules().ruleFor(date.getMonth());
        long amount = share(full, rule.sharePercent(), 100);
        var end = LocalDate.of(date.getYear() + (rule.plusNextTerm() ? 1 : 0), 12, 31);
        return new DuesQuote(DuesQuote.JOIN, level, amount, prices.currency(), "calendar-year term, " + rule.describe()
                + " of the " + level + " dues of " + money(full), date, end);
    }

    /**
     * Renewing: an active membership continues the day after its end; an anniversary term by one
     * term at full dues, a calendar-year one by the next calendar year (the rest of the year after a
     * term that does not end on December 31, by the table). A lapsed one starts again on {@code date}.
     */
    public DuesQuote renewal(MembershipLevel level, MemberTerm current, LocalDate date) {
        if (current == null || !current.active()) {
            return reactivation(level, date);
        }
        var prices = pricing.current();
        long full = cents(level);
        var start = current.end().plusDays(1);
        if (prices.rules().termOf(level) == TermKind.ANNIVERSARY) {
            return new DuesQuote(DuesQuote.RENEWAL, level, full, prices.currency(),
                    "renewal of an anniversary term: the full " + level + " dues of " + money(full),
                    start, current.end().plus(prices.term()));
        }
        if (MonthDay.from(start).equals(MonthDay.of(1, 1))) {
            return new DuesQuote(DuesQuote.RENEWAL, level, full, prices.currency(),
                    "renewal of a calendar-year term: the full " + level + " dues of " + money(full),
                    start, LocalDate.of(start.getYear(), 12, 31));
        }
        var joined = join(level, start);
        return joined.as(DuesQuote.RENEWAL, "renewal onto the calendar year from " + start + ", " + joined.rule());
    }

    /** A lapsed (or archived) member paying again: a new term from {@code date}, priced as a join. */
    private DuesQuote reactivation(MembershipLevel level, LocalDate date) {
        var joined = join(level, date);
        return joined.as(DuesQuote.RENEWAL, "reactivation from " + date + ", " + joined.rule());
    }

    /**
     * A level change inside the current term: the difference between the levels' dues for the
     * months left of the term (a part of a month counts as a whole one) over the term's months;
     * the term's dates stay. A downgrade
     * credits the configured share of that (a negative amount), 0 by default.
     */
    public DuesQuote change(MemberTerm current, MembershipLevel to, LocalDate date) {
        var prices = pricing.current();
        var from = current.level();
        long difference = cents(to) - cents(from);
        var after = current.end().plusDays(1);
        // the term's length to the nearest month (a CRM term of a year and a day is 12 months), the
        // months left never more than that
        long months = current.start() == null ? prices.term().toTotalMonths() : nearestMonths(current.start(), after);
        long left = Math.min(wholeMonths(date, after), months);
        var share = left + " of " + months + " months left";
        if (difference >= 0) {
            return new DuesQuote(DuesQuote.UPGRADE, to, share(difference, left, months), prices.currency(),
                    "upgrade from " + from + " to " + to + ": " + share + " x the difference of " + money(difference),
                    date, current.end());
        }
        int credit = prices.rules().downgradeCreditPercent();
        long amount = -share(share(-difference, left, months), credit, 100);
        return new DuesQuote(DuesQuote.DOWNGRADE, to, amount, prices.currency(),
                "downgrade from " + from + " to " + to + ": " + share + " x the difference of " + money(-difference)
                        + ", " + credit + " % of it credited", date, current.end());
    }

    /** Months from {@code from} to {@code until}, a part of a month counting as a whole one. */
    private static long wholeMonths(LocalDate from, LocalDate until) {
        var between = Period.between(from, until);
        return between.toTotalMonths() + (between.getDays() > 0 ? 1 : 0);
    }

    private static long nearestMonths(LocalDate from, LocalDate until) {
        var between = Period.between(from, until);
        return Math.max(1, between.toTotalMonths() + (between.getDays() >= 15 ? 1 : 0));
    }

    // ---- the API ----------------------------------------------------------------------------

    /** The query parameters checked: 400 with the reasons, all of them. */
    public Map<String, Object> request(String level, String date, String member) {
        var problems = new java.util.ArrayList<String>();
        MembershipLevel parsedLevel = null;
        if (level == null || level.isBlank()) {
            problems.add("level: missing (one of " + List.of(MembershipLevel.values()) + ")");
        } else {
            parsedLevel = MemberTerm.level(level);
            if (parsedLevel == null) {
                problems.add("level: '" + level + "' is not one of " + List.of(MembershipLevel.values()));
            }
        }
        LocalDate parsedDate = today();
        if (date != null && !date.isBlank()) {
            try {
                parsedDate = LocalDate.parse(date.trim());
                if (parsedDate.isBefore(EARLIEST) || parsedDate.isAfter(LATEST)) {
                    problems.add("date: " + date + " is outside " + EARLIEST + " to " + LATEST);
                }
            } catch (DateTimeParseException e) {
                problems.add("date: '" + date + "' is not an ISO date (YYYY-MM-DD)");
            }
        }
        String contact = null;
        if (member != null && !member.isBlank()) {
            contact = member.trim();
            if (!CONTACT_ID.matcher(contact).matches()) {
                problems.add("member: '" + member + "' is not a CRM contact id (003..., 15 or 18 characters)");
            }
        }
        if (!problems.isEmpty()) {
            throw new DuesApiException(400, String.join("; ", problems));
        }
        var request = new java.util.LinkedHashMap<String, Object>();
        request.put("level", parsedLevel);
        request.put("date", parsedDate);
        request.put("member", contact);
        return request;
    }

    /** The answer to a checked request; {@code contactQuery} is the CRM's answer for the member (null without one). */
    public Map<String, Object> answer(Map<String, Object> request, Map<String, Object> contactQuery) {
        var level = (MembershipLevel) request.get("level");
        var date = (LocalDate) request.get("date");
        MemberTerm current = null;
        if (request.get("member") != null) {
            var records = contactQuery == null ? null : (List<?>) contactQuery.get("records");
            if (records == null || records.isEmpty() || !(records.get(0) instanceof Map<?, ?> contact)) {
                throw new DuesApiException(404, "no CRM contact " + request.get("member"));
            }
            current = MemberTerm.ofContact(contact);
        }
        return quote(level, current, date).answer();
    }

    /** The SOQL for the member's current membership on the Contact. */
    public String contactQuery(String contactId) {
        return "SELECT Id, Membership_Level__c, Membership_Status__c, Membership_Start_Date__c, Membership_End_Date__c"
                + " FROM Contact WHERE Id = '" + contactId + "'"; // checked against CONTACT_ID before
    }

    /** The refusal's HTTP status (Camel wraps it when a bean expression throws it). */
    public int statusOf(Throwable e) {
        return refusal(e).status();
    }

    /** {@code {"error": reason}} for a refused request. */
    public Map<String, Object> problem(Throwable e) {
        return Map.of("error", refusal(e).getMessage());
    }

    private static DuesApiException refusal(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DuesApiException refused) {
                return refused;
            }
        }
        return new DuesApiException(500, String.valueOf(e));
    }

    // ---- money ------------------------------------------------------------------------------

    /** One term's dues of the level in the currency's minor units. */
    long cents(MembershipLevel level) {
        var prices = pricing.current();
        return prices.duesFor(level).movePointRight(fractionDigits(prices.currency())).longValueExact();
    }

    /** {@code amount} x numerator / denominator, to the nearest minor unit (half up). */
    private static long share(long amount, long numerator, long denominator) {
        return BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(numerator))
                .divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** "295 USD", "221.25 USD". */
    public String money(long minorUnits) {
        var currency = pricing.current().currency();
        var amount = BigDecimal.valueOf(minorUnits, fractionDigits(currency));
        var shown = amount.stripTrailingZeros().scale() <= 0 ? amount.setScale(0, RoundingMode.UNNECESSARY) : amount;
        return shown.toPlainString() + " " + currency.toUpperCase(Locale.ROOT);
    }

    static int fractionDigits(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }
}
