package org.memberbus.finance.dues;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.memberbus.member.renewal.RenewalPayment;
import org.springframework.stereotype.Component;

/**
 * Checks a renewal payment against the quote the bus would have given for it: the member's level
 * and current term as the CRM holds them, on the day the bus takes the payment up (seconds after
 * the gateway took it; the decision is stored once, so a later delivery does not reprice it).
 * Computes only; the route holds or applies.
 */
@Component("duesCheck")
public class DuesCheck {

    private final DuesPricing pricing;

    public DuesCheck(DuesPricing pricing) {
        this.pricing = pricing;
    }

    /**
     * {@code query} is the CRM's answer for the member's newest Membership__c (Level__c, Status__c,
     * Start_Date__c, End_Date__c). No membership at all is not a price question: the renewal's own
     * step refuses it.
     */
    public PaymentCheck renewal(RenewalPayment payment, Map<String, Object> query) {
        var records = query == null ? null : (List<?>) query.get("records");
        if (records == null || records.isEmpty() || !(records.get(0) instanceof Map<?, ?> membership)) {
            return new PaymentCheck(null, null);
        }
        var current = MemberTerm.ofMembership(membership);
        var paidFor = MemberTerm.level(payment.level());
        if (payment.level() != null && paidFor == null) {
            return held(null, "the payment " + payment.paymentId() + " is for level '" + payment.level()
                    + "', which is not a membership level");
        }
        if (current.level() == null && paidFor == null) {
            return held(null, "the CRM membership of " + payment.contactId() + " has no level, and the payment "
                    + payment.paymentId() + " names none");
        }
        if (paidFor != null && current.level() != null && paidFor != current.level()) {
            return held(null, "the payment " + payment.paymentId() + " renews " + paidFor + " but the membership is "
                    + current.level() + " (a level change is paid as purpose membership_change)");
        }
        var level = current.level() != null ? current.level() : paidFor;
        var today = pricing.today();
        var quote = pricing.renewal(level, current, today);
        if (payment.currency() == null || !quote.currency().equalsIgnoreCase(payment.currency())) {
            return held(quote, "the payment " + payment.paymentId() + " is in " + payment.currency()
                    + ", dues are charged in " + quote.currency());
        }
        if (payment.amount() != quote.amount()) {
            return held(quote, "the payment " + payment.paymentId() + " of " + pricing.money(payment.amount())
                    + " is not the " + pricing.money(quote.amount()) + " quoted for renewing " + level + " on " + today
                    + " (" + quote.rule() + ")");
        }
        if (differs(payment.termStart(), quote.termStart()) || differs(payment.termEnd(), quote.termEnd())) {
            return held(quote, "the payment " + payment.paymentId() + " says it buys " + payment.termStart() + " to "
                    + payment.termEnd() + " but renewing on " + today + " buys " + quote.termStart() + " to "
                    + quote.termEnd());
        }
        return new PaymentCheck(quote, null);
    }

    /**
     * A level change against the quote for changing to its level today: the CRM's newest
     * Membership__c must be active, of another level, with today inside its term, and the amount
     * the prorated difference to the cent.
     */
    public PaymentCheck change(ChangePayment payment, Map<String, Object> query) {
        if (payment.problem() != null) {
            return held(null, payment.problem());
        }
        var records = query == null ? null : (List<?>) query.get("records");
        if (records == null || records.isEmpty() || !(records.get(0) instanceof Map<?, ?> membership)) {
            return held(null, "the CRM holds no membership for " + payment.contactId() + " to change (level change "
                    + payment.paymentId() + ")");
        }
        var current = MemberTerm.ofMembership(membership);
        var level = MemberTerm.level(payment.level());
        var today = pricing.today();
        var quote = current.active() ? pricing.quote(level, current, today) : null;
        if (quote == null || !(DuesQuote.UPGRADE.equals(quote.kind()) || DuesQuote.DOWNGRADE.equals(quote.kind()))) {
            return held(quote, "the level change " + payment.paymentId() + " to " + level + " does not apply to the "
                    + current.status() + " " + current.level() + " membership ending " + current.end() + " on " + today
                    + (quote == null ? "" : " (the bus quotes a " + quote.kind() + ")"));
        }
        if (payment.currency() == null || !quote.currency().equalsIgnoreCase(payment.currency())) {
            return held(quote, "the level change " + payment.paymentId() + " is in " + payment.currency()
                    + ", dues are charged in " + quote.currency());
        }
        if (payment.amount() != quote.amount()) {
            return held(quote, "the level change " + payment.paymentId() + " of " + pricing.money(payment.amount())
                    + " is not the " + pricing.money(quote.amount()) + " quoted on " + today + " (" + quote.rule() + ")");
        }
        return new PaymentCheck(quote, null);
    }

    private static PaymentCheck held(DuesQuote quote, String problem) {
        return new PaymentCheck(quote, problem);
    }

    private static boolean differs(String stated, LocalDate quoted) {
        return stated != null && !stated.startsWith(quoted.toString());
    }
}
