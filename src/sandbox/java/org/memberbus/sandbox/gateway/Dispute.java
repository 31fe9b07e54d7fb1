package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stripe's Dispute object: the cardholder's bank took the money back and the business may answer
 * with evidence. Statuses used: {@code needs_response}, {@code under_review}, {@code won},
 * {@code lost}. {@code balance_transactions} holds the withdrawal and, once won, the reinstatement.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Dispute(String id, String object, long amount, List<BalanceTransaction> balanceTransactions, String charge,
               long created, String currency, Map<String, Object> evidence, EvidenceDetails evidenceDetails,
               boolean isChargeRefundable, boolean livemode, Map<String, String> metadata, String paymentIntent,
               String reason, String status) implements ApiObject {

    private static final long THREE_WEEKS = 21 * 24 * 3600;

    static Dispute open(String id, long created, Charge charge, String reason, BalanceTransaction withdrawal) {
        return new Dispute(id, "dispute", charge.amount(), List.of(withdrawal), charge.id(), created,
                charge.currency(), Map.of(), new EvidenceDetails(created + THREE_WEEKS, false, false, 0), false,
                false, Map.of(), charge.paymentIntent(), reason, "needs_response");
    }

    boolean closed() {
        return status.equals("won") || status.equals("lost");
    }

    Dispute withEvidence(Map<String, Object> evidence, Map<String, String> metadata, boolean submit) {
        return new Dispute(id, object, amount, balanceTransactions, charge, created, currency, evidence,
                new EvidenceDetails(evidenceDetails.dueBy(), !evidence.isEmpty(), false,
                        evidenceDetails.submissionCount() + (submit ? 1 : 0)),
                isChargeRefundable, livemode, metadata, paymentIntent, reason, submit ? "under_review" : status);
    }

    Dispute closedAs(String outcome, BalanceTransaction reinstatement) {
        var transactions = new ArrayList<>(balanceTransactions);
        if (reinstatement != null) {
            transactions.add(reinstatement);
        }
        return new Dispute(id, object, amount, List.copyOf(transactions), charge, created, currency, evidence,
                evidenceDetails, isChargeRefundable, livemode, metadata, paymentIntent, reason, outcome);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EvidenceDetails(long dueBy, boolean hasEvidence, boolean pastDue, int submissionCount) {}
}
