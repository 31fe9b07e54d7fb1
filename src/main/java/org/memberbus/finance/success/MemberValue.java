package org.memberbus.finance.success;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one member has paid the association and had from it, from the CRM's records (the system
 * of record): the Contact's membership roll-ups for tenure and the member's Payment__c records
 * for money, by what each paid for (Type__c: Dues, Event, Certification, Donation). Amounts in the
 * currency's minor units (cents). A payment counts when it succeeded (also when refunded since);
 * refunds (Refunded_Amount__c, the whole amount for a Refunded payment without one) are taken
 * off; pending and failed payments are only counted. Lifetime value is what stays paid.
 */
final class MemberValue {

    /** The CRM's Type__c values, and the names the answer gives them. */
    private static final Map<String, String> CATEGORIES = Map.of(
            "Dues", "dues", "Event", "events", "Certification", "certifications", "Donation", "donations");

    private MemberValue() {}

    /**
     * @param contact  the Contact record (Member_Since__c, Membership_Status__c, _Level__c, _Start_Date__c, _End_Date__c)
     * @param payments the contact's Payment__c records
     * @param currency the currency the association charges in; payments in another are listed, not added
     */
    static Map<String, Object> of(String memberId, Map<?, ?> contact, List<?> payments, String currency, LocalDate today) {
        var categories = new LinkedHashMap<String, Tally>();
        for (String name : List.of("dues", "events", "certifications", "donations", "other")) {
            categories.put(name, new Tally());
        }
        long pending = 0;
        int pendingCount = 0;
        int failed = 0;
        int otherCurrency = 0;
        LocalDate firstPaid = null;
        LocalDate lastPaid = null;
        for (Object o : payments) {
            if (!(o instanceof Map<?, ?> p)) {
                continue;
            }
            String paidIn = text(p.get("Currency__c"));
            if (paidIn != null && !paidIn.equalsIgnoreCase(currency)) {
                otherCurrency++;
                continue;
            }
            String status = text(p.get("Status__c"));
            long amount = cents(p.get("Amount__c"), currency);
            if ("Pending".equals(status)) {
                pending += amount;
                pendingCount++;
                continue;
            }
            if (!"Succeeded".equals(status) && !"Refunded".equals(status) && !"Partially Refunded".equals(status)) {
                failed++;
                continue;
            }
            Object refundedField = p.get("Refunded_Amount__c");
            long refunded = refundedField == null && "Refunded".equals(status) ? amount
                    : Math.min(amount, cents(refundedField, currency));
            String category = CATEGORIES.getOrDefault(text(p.get("Type__c")), "other");
            categories.get(category).add(amount, refunded);
            LocalDate paid = date(p.get("Paid_At__c"));
            if (paid != null) {
                firstPaid = firstPaid == null || paid.isBefore(firstPaid) ? paid : firstPaid;
                lastPaid = lastPaid == null || paid.isAfter(lastPaid) ? paid : lastPaid;
            }
        }
        Tally total = new Tally();
        categories.values().forEach(t -> {
            total.add(t.paid, t.refunded, t.count);
            total.refundedCount += t.refundedCount;
        });

        var body = new LinkedHashMap<String, Object>();
        body.put("memberId", memberId);
        body.put("asOf", today.toString());
        body.put("currency", currency.toUpperCase(Locale.ROOT));
        var paid = new LinkedHashMap<String, Object>();
        categories.forEach((name, t) -> paid.put(name, t.answer()));
        body.put("paid", paid);
        body.put("refunds", Map.of("count", total.refundedCount, "amount", total.refunded));
        body.put("totals", total.answer());
        body.put("lifetimeValue", total.paid - total.refunded);
        body.put("pending", Map.of("count", pendingCount, "amount", pending));
        body.put("failedPayments", failed);
        body.put("paymentsInOtherCurrencies", otherCurrency);
        body.put("firstPaymentDate", firstPaid == null ? null : firstPaid.toString());
        body.put("lastPaymentDate", lastPaid == null ? null : lastPaid.toString());

        Tenure tenure = Tenure.of(contact, today);
        var received = new LinkedHashMap<String, Object>();
        received.put("memberSince", tenure.since == null ? null : tenure.since.toString());
        received.put("tenureMonths", tenure.months);
        received.put("tenureYears", BigDecimal.valueOf(tenure.months).divide(BigDecimal.valueOf(12), 1, RoundingMode.HALF_UP));
        received.put("membershipTermsPaid", categories.get("dues").count);
        received.put("eventsPaid", categories.get("events").count);
        received.put("certificationsPaid", categories.get("certifications").count);
        var membership = new LinkedHashMap<String, Object>();
        membership.put("status", text(contact.get("Membership_Status__c")));
        membership.put("level", text(contact.get("Membership_Level__c")));
        membership.put("termStart", text(contact.get("Membership_Start_Date__c")));
        membership.put("termEnd", text(contact.get("Membership_End_Date__c")));
        received.put("membership", membership);
        body.put("received", received);
        // what a year of membership has been worth: lifetime value over the tenure, per 12 months
        body.put("valuePerYear", tenure.months == 0 ? null
                : BigDecimal.valueOf((total.paid - total.refunded) * 12).divide(BigDecimal.valueOf(tenure.months), 0,
                        RoundingMode.HALF_UP).longValueExact());
        return body;
    }

    /**
     * Whole months of membership: from Member_Since__c (else the current term's start) to today
     * while the membership is active or pending, else to its end (a lapsed or archived member's
     * tenure stops when the last term ended).
     */
    record Tenure(LocalDate since, LocalDate through, long months) {
        static Tenure of(Map<?, ?> contact, LocalDate today) {
            LocalDate since = date(contact.get("Member_Since__c"));
            if (since == null) {
                since = date(contact.get("Membership_Start_Date__c"));
            }
            String status = text(contact.get("Membership_Status__c"));
            LocalDate end = date(contact.get("Membership_End_Date__c"));
            boolean current = "Active".equals(status) || "Pending".equals(status);
            LocalDate through = current || end == null || end.isAfter(today) ? today : end;
            long months = since == null || through.isBefore(since) ? 0 : ChronoUnit.MONTHS.between(since, through);
            return new Tenure(since, through, months);
        }
    }

    private static final class Tally {
        long paid;
        long refunded;
        int count;
        int refundedCount;

        void add(long amount, long refund) {
            add(amount, refund, 1);
            if (refund > 0) {
                refundedCount++;
            }
        }

        void add(long amount, long refund, int n) {
            paid += amount;
            refunded += refund;
            count += n;
        }

        Map<String, Object> answer() {
            var a = new LinkedHashMap<String, Object>();
            a.put("count", count);
            a.put("paid", paid);
            a.put("refunded", refunded);
            a.put("net", paid - refunded);
            return a;
        }
    }

    /** A CRM currency amount (a JSON number of currency units) in minor units. */
    static long cents(Object value, String currency) {
        if (value == null || value.toString().isBlank()) {
            return 0;
        }
        int digits = Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits();
        return new BigDecimal(value.toString()).movePointRight(Math.max(digits, 0))
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static LocalDate date(Object value) {
        String s = text(value);
        return s == null || s.length() < 10 ? null : LocalDate.parse(s.substring(0, 10));
    }
}
