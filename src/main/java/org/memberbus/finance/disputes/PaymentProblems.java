package org.memberbus.finance.disputes;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.memberbus.infra.PoisonMessageException;
import org.springframework.stereotype.Component;

/**
 * What a dispute or an ACH return means for the payment. A dispute holds the payment
 * ({@code charge.dispute.created}: Payment__c Disputed); closed {@code lost}, the money went back
 * and the payment is undone like a full refund (Dispute Lost); closed {@code won}, it is restored
 * (Succeeded). An ACH debit that comes back ({@code payment_intent.payment_failed} of a
 * {@code us_bank_account} payment) failed after the membership was granted: Failed, undone, with notice.
 */
@Component
public class PaymentProblems {

    /** One event about a payment: its gateway id, the CRM status it now has, whether it undoes what it bought. */
    public record Problem(String eventId, String kind, String paymentIntentId, String chargeId, String status,
                          boolean undoes, boolean restores, String purpose, String crmContactId, String termStart,
                          String reason, long amount, long created) {

        public Map<String, Object> paymentRecord() {
            var record = new LinkedHashMap<String, Object>();
            record.put("Status__c", status);
            return record;
        }

        public String cause() {
            return kind.equals("ach") ? "ach_return" : "dispute_lost";
        }
    }

    /** A {@code charge.dispute.created} or {@code charge.dispute.closed} event; null for another. */
    public Problem dispute(Map<String, Object> event) {
        var dispute = map(map(event.get("data")).get("object"));
        String type = text(event.get("type"));
        String intent = text(dispute.get("payment_intent"));
        if (intent == null) {
            throw new PoisonMessageException("gateway event " + event.get("id") + ": the dispute names no payment intent");
        }
        String status = text(dispute.get("status"));
        long amount = dispute.get("amount") instanceof Number n ? n.longValue() : 0;
        if ("charge.dispute.created".equals(type)) {
            return new Problem(text(event.get("id")), "dispute", intent, text(dispute.get("charge")), "Disputed", false,
                    false, null, null, null, "disputed: " + text(dispute.get("reason")), amount, created(event));
        }
        if ("charge.dispute.closed".equals(type) && ("won".equals(status) || "lost".equals(status))) {
            boolean lost = "lost".equals(status);
            return new Problem(text(event.get("id")), "dispute", intent, text(dispute.get("charge")),
                    lost ? "Dispute Lost" : "Succeeded", lost, !lost, null, null, null,
                    "dispute " + status + ": " + text(dispute.get("reason")), amount, created(event));
        }
        return null;
    }

    /** A {@code payment_intent.payment_failed} of an ACH debit (an ACH return); null for a card decline. */
    public Problem achReturn(Map<String, Object> event) {
        var intent = map(map(event.get("data")).get("object"));
        var error = map(intent.get("last_payment_error"));
        var method = map(error.get("payment_method"));
        if (!"us_bank_account".equals(method.get("type"))) {
            return null;
        }
        var metadata = map(intent.get("metadata"));
        return new Problem(text(event.get("id")), "ach", text(intent.get("id")), text(intent.get("latest_charge")),
                "Failed", true, false, text(metadata.get("purpose")), text(metadata.get("crm_contact_id")),
                text(metadata.get("term_start")), "bank debit returned: " + text(error.get("code")),
                intent.get("amount") instanceof Number n ? n.longValue() : 0, created(event));
    }

    /**
     * What the payment bought: the event's metadata says, else what the bus did with it (a row of
     * {@code select purpose}: membership_renewal or membership_join); dispute events carry none.
     */
    public String purposeOf(Problem problem, Object known) {
        if (problem.purpose() != null) {
            return problem.purpose();
        }
        // camel-sql's SelectOne answers a one-column row as its value
        return known instanceof Map<?, ?> row ? text(row.get("purpose")) : text(known);
    }

    /**
     * Whether to look for the CRM's record of the payment again: not while the CRM has it; yes while a
     * join holds the payment unfinished ({@code joinStatus} open or completing: the join is writing
     * it) or, with no join for it yet, while the event is under {@value #RECORD_WAIT_SECONDS} s old
     * (the join's payment event may come after this one), or once more when the join completed
     * meanwhile; never after {@value #MAX_LOOKUPS} looks.
     */
    public boolean stillComing(Problem problem, Map<String, Object> crm, Object joinStatus, int lookups) {
        if (known(crm) || lookups >= MAX_LOOKUPS) {
            return false;
        }
        // camel-sql's SelectOne answers a one-column row as its value
        String status = joinStatus instanceof Map<?, ?> row ? text(row.get("status")) : text(joinStatus);
        boolean joinUnfinished = "open".equals(status) || "completing".equals(status);
        boolean young = clock.instant().getEpochSecond() - problem.created() < RECORD_WAIT_SECONDS;
        // only a join's payment is granted before the CRM has it; a dispute does not say what it paid for
        boolean mayBeJoin = problem.kind().equals("dispute") || "membership_join".equals(problem.purpose());
        // a join that completed between the CRM read and this one has written it: read it again
        boolean justCompleted = "completed".equals(status) && lookups < 3;
        return joinUnfinished || justCompleted || status == null && young && mayBeJoin;
    }

    /**
     * Whether the CRM's payment record already shows a later state than this event brings: a
     * dispute's {@code created} delivered after its {@code closed} (the gateway does not promise
     * order) must not hold the payment again.
     */
    public boolean superseded(Problem problem, Map<String, Object> crm) {
        Object current = firstRecord(crm).get("Status__c");
        return "Disputed".equals(problem.status()) && "Dispute Lost".equals(current);
    }

    static final long RECORD_WAIT_SECONDS = 15;
    static final int MAX_LOOKUPS = 30;

    private final java.time.Clock clock = java.time.Clock.systemUTC();

    private static long created(Map<String, Object> event) {
        return event.get("created") instanceof Number n ? n.longValue() : 0;
    }

    public String contactOf(Problem problem, Map<String, Object> crm) {
        var contact = firstRecord(crm).get("Contact__c");
        return contact != null ? contact.toString() : problem.crmContactId();
    }

    public boolean known(Map<String, Object> crm) {
        return !firstRecord(crm).isEmpty();
    }


    static BigDecimal units(long minor) {
        return BigDecimal.valueOf(minor).movePointLeft(2);
    }

    private static Map<String, Object> firstRecord(Map<String, Object> crm) {
        return crm != null && crm.get("records") instanceof java.util.List<?> list && !list.isEmpty() ? map(list.get(0)) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
