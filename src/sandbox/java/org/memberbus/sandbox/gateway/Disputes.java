package org.memberbus.sandbox.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Disputes (chargebacks), as Stripe's test mode makes them: a charge on a dispute test card
 * ({@code 4000000000000259}) is disputed right after it succeeds ({@code charge.dispute.created},
 * then {@code charge.dispute.funds_withdrawn}, the charge {@code disputed}). The business answers
 * with evidence ({@code POST /v1/disputes/{id}}): Stripe's test evidence {@code winning_evidence} or
 * {@code losing_evidence} in {@code evidence[uncategorized_text]}, submitted, closes it won or lost;
 * {@code POST /v1/disputes/{id}/close} accepts it (lost); the sandbox control
 * {@code POST /__sandbox/disputes/{id}/close} decides it as the card network would. Closing sends
 * {@code charge.dispute.closed}; a won dispute also {@code charge.dispute.funds_reinstated}.
 */
final class Disputes {

    private final GatewayState state;
    private final EventLog events;

    Disputes(GatewayState state, EventLog events) {
        this.state = state;
        this.events = events;
    }

    Dispute open(Charge charge, String reason, ApiRequest request, long at) {
        String id = Ids.next("dp");
        String txnId = Ids.next("txn");
        var withdrawal = state.balanceTransactions.put(
                BalanceTransaction.forDisputeWithdrawal(txnId, at, id, charge.amount(), charge.currency()));
        var dispute = state.disputes.put(Dispute.open(id, at, charge, reason, withdrawal));
        state.charges.put(charge.markDisputed());
        events.publish("charge.dispute.created", dispute, request, at);
        events.publish("charge.dispute.funds_withdrawn", dispute, request, at);
        return dispute;
    }

    /** Evidence and metadata; with {@code submit} (the default, as in Stripe) the test evidence decides it. */
    Dispute update(String id, FormParams params, ApiRequest request, long at) {
        params.allowOnly("evidence", "metadata", "submit");
        var dispute = open(id);
        var evidence = new LinkedHashMap<>(dispute.evidence());
        var given = params.hash("evidence");
        if (given != null) {
            given.allowOnly("uncategorized_text", "customer_name", "customer_email_address", "product_description",
                    "service_date", "access_activity_log", "billing_address", "cancellation_policy_disclosure",
                    "refund_policy_disclosure", "refund_refusal_explanation");
            for (String field : new String[] {"uncategorized_text", "customer_name", "customer_email_address",
                    "product_description", "service_date", "access_activity_log", "billing_address",
                    "cancellation_policy_disclosure", "refund_policy_disclosure", "refund_refusal_explanation"}) {
                if (given.string(field) != null) {
                    evidence.put(field, given.string(field));
                }
            }
        }
        boolean submit = params.bool("submit") == null || params.flag("submit");
        var updated = state.disputes.put(dispute.withEvidence(Map.copyOf(evidence),
                params.metadata(dispute.metadata()), submit));
        events.publish("charge.dispute.updated", updated, dispute, request, at);
        Object text = evidence.get("uncategorized_text");
        if (submit && "winning_evidence".equals(text)) {
            return close(id, "won", request, at);
        }
        if (submit && "losing_evidence".equals(text)) {
            return close(id, "lost", request, at);
        }
        return updated;
    }

    /** {@code won} or {@code lost}; a won dispute gives the amount back. */
    Dispute close(String id, String outcome, ApiRequest request, long at) {
        if (!outcome.equals("won") && !outcome.equals("lost")) {
            throw StripeException.invalidRequest("parameter_invalid_string", "status",
                    "A dispute closes as won or lost, not " + outcome + ".");
        }
        var dispute = open(id);
        BalanceTransaction reinstatement = null;
        if (outcome.equals("won")) {
            reinstatement = state.balanceTransactions.put(BalanceTransaction.forDisputeReinstatement(
                    Ids.next("txn"), at, id, dispute.amount(), dispute.currency()));
        }
        var closed = state.disputes.put(dispute.closedAs(outcome, reinstatement));
        if (reinstatement != null) {
            events.publish("charge.dispute.funds_reinstated", closed, request, at);
        }
        events.publish("charge.dispute.closed", closed, dispute, request, at);
        return closed;
    }

    private Dispute open(String id) {
        var dispute = state.disputes.require(id, "dispute");
        if (dispute.closed()) {
            throw StripeException.invalidRequest("dispute_already_closed", null,
                    "This dispute is already closed.");
        }
        return dispute;
    }
}
