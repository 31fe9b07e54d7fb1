package org.memberbus.finance.dues;

/**
 * A dues payment (a renewal or a level change) checked against what the bus quotes for it:
 * {@code problem} says why it does not match (then it is held for staff, nothing applied);
 * {@code quote} is what it buys when it does.
 */
public record PaymentCheck(DuesQuote quote, String problem) {

    public boolean held() {
        return problem != null;
    }
}
