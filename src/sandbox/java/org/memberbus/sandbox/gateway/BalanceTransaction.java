package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Stripe's BalanceTransaction: what a charge or refund did to the balance, with Stripe's fee, so
 * the ledger can book the fee (2.9 % + 30 cents on card charges; refunds return no fee).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record BalanceTransaction(String id, String object, long amount, long availableOn, long created, String currency,
                          String description, long fee, List<FeeDetail> feeDetails, long net,
                          String reportingCategory, String source, String status, String type) implements ApiObject {

    private static final long TWO_DAYS = 2 * 24 * 3600;

    static BalanceTransaction forCharge(String id, long created, Charge charge) {
        long fee = Math.round(charge.amount() * 0.029) + 30;
        return new BalanceTransaction(id, "balance_transaction", charge.amount(), created + TWO_DAYS, created,
                charge.currency(), charge.description(), fee,
                List.of(new FeeDetail(fee, charge.currency(), "Stripe processing fees", "stripe_fee")),
                charge.amount() - fee, "charge", charge.id(), "available", "charge");
    }

    static BalanceTransaction forRefund(String id, long created, Refund refund) {
        return new BalanceTransaction(id, "balance_transaction", -refund.amount(), created, created,
                refund.currency(), "REFUND FOR CHARGE", 0, List.of(), -refund.amount(), "refund", refund.id(),
                "available", "refund");
    }

    /** A dispute takes the amount back and Stripe's dispute fee ($15); the fee is not returned when won. */
    static BalanceTransaction forDisputeWithdrawal(String id, long created, String disputeId, long amount, String currency) {
        long fee = 1500;
        return new BalanceTransaction(id, "balance_transaction", -amount, created, created, currency,
                "Chargeback withdrawal for " + disputeId, fee,
                List.of(new FeeDetail(fee, currency, "Dispute fee", "stripe_fee")), -amount - fee, "dispute",
                disputeId, "available", "adjustment");
    }

    static BalanceTransaction forDisputeReinstatement(String id, long created, String disputeId, long amount, String currency) {
        return new BalanceTransaction(id, "balance_transaction", amount, created, created, currency,
                "Chargeback reversal for " + disputeId, 0, List.of(), amount, "dispute_reversal", disputeId,
                "available", "adjustment");
    }

    /** ACH Direct Debit: 0.8 %, at most $5. */
    static BalanceTransaction forBankDebit(String id, long created, Charge charge) {
        long fee = Math.min(500, Math.round(charge.amount() * 0.008));
        return new BalanceTransaction(id, "balance_transaction", charge.amount(), created + TWO_DAYS, created,
                charge.currency(), charge.description(), fee,
                List.of(new FeeDetail(fee, charge.currency(), "Stripe processing fees", "stripe_fee")),
                charge.amount() - fee, "charge", charge.id(), "pending", "charge");
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FeeDetail(long amount, String currency, String description, String type) {}
}
