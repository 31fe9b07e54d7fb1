package org.memberbus.finance.refunds;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.memberbus.infra.PoisonMessageException;
import org.springframework.stereotype.Component;

/**
 * What a gateway {@code charge.refunded} event means for the CRM. Since API version 2022-11-15 the
 * event does not list the refunds: the charge's cumulative {@code amount_refunded} is the truth, and
 * as events arrive in any order and more than once, the highest amount seen so far wins.
 */
@Component
public class ChargeRefunds {

    /**
     * Purposes whose full refund undoes the membership the payment bought ({@code renewal} is what
     * the renewal flow's checkout sets today, {@code membership_renewal} the finance contract's name).
     */
    static final Set<String> MEMBERSHIP_PURPOSES = Set.of("membership_join", "membership_renewal", "renewal");

    /** A refund as the CRM should now show it: the cumulative amount and whether it is all of it. */
    public record RefundApplied(String eventId, String paymentIntentId, String chargeId, long amount,
                                long amountRefunded, String currency, String purpose, String crmContactId,
                                String termStart) {

        public boolean full() {
            return amountRefunded >= amount;
        }

        /** A full refund of a join or renewal undoes the membership it bought. */
        public boolean undoesMembership() {
            return full() && MEMBERSHIP_PURPOSES.contains(purpose);
        }

        /** The Payment__c external id: the payment intent (as the join writes it), else the charge. */
        public String paymentKey() {
            return paymentIntentId != null ? paymentIntentId : chargeId;
        }
    }

    /** The refund an event reports, never below {@code seenBefore} (the highest amount already applied; may be null). */
    public RefundApplied applied(Map<String, Object> event, Object seenBefore) {
        var charge = Maps.map(Maps.map(event.get("data")).get("object"));
        if (!"charge".equals(charge.get("object")) || !(charge.get("amount") instanceof Number amount)
                || !(charge.get("amount_refunded") instanceof Number refunded)) {
            throw new PoisonMessageException("gateway event " + event.get("id") + " is not a charge.refunded with amounts");
        }
        // camel-sql's SelectOne answers a one-column row as its value
        Object stored = seenBefore instanceof Map<?, ?> row ? row.get("amount_refunded") : seenBefore;
        long before = stored instanceof Number n ? n.longValue() : 0;
        var metadata = Maps.map(charge.get("metadata"));
        return new RefundApplied(Maps.text(event.get("id")), Maps.text(charge.get("payment_intent")),
                Maps.text(charge.get("id")), amount.longValue(), Math.max(before, refunded.longValue()),
                Maps.text(charge.get("currency")), Maps.text(metadata.get("purpose")),
                Maps.text(metadata.get("crm_contact_id")), Maps.text(metadata.get("term_start")));
    }

    /**
     * The Payment__c fields for the refund, upserted by its gateway id: the refunded amount and status,
     * and, where the CRM has no record of the payment yet, what the record needs.
     */
    public Map<String, Object> paymentRecord(RefundApplied refund, Map<String, Object> crm) {
        var record = new LinkedHashMap<String, Object>();
        record.put("Refunded_Amount__c", units(refund.amountRefunded()));
        record.put("Status__c", refund.full() ? "Refunded" : "Partially Refunded");
        if (Maps.records(crm).isEmpty()) {
            record.put("Amount__c", units(refund.amount()));
            record.put("Currency__c", refund.currency() == null ? null : refund.currency().toUpperCase());
            record.put("Type__c", typeOf(refund.purpose()));
            if (refund.crmContactId() != null) {
                record.put("Contact__c", refund.crmContactId());
            }
        }
        return record;
    }

    /** The CRM contact the payment belongs to: the Payment__c's, else the payment's metadata. */
    public String contactOf(Map<String, Object> crm, String fromMetadata) {
        List<Map<String, Object>> records = Maps.records(crm);
        return records.stream().map(r -> Maps.text(r.get("Contact__c"))).filter(c -> c != null).findFirst()
                .orElse(fromMetadata);
    }

    static BigDecimal units(long minor) {
        return BigDecimal.valueOf(minor).movePointLeft(2);
    }

    static String typeOf(String purpose) {
        if (purpose == null) {
            return "Dues";
        }
        return switch (purpose) {
            case "event_fee" -> "Event";
            case "certification_fee" -> "Certification";
            case "donation" -> "Donation";
            default -> "Dues";
        };
    }
}
