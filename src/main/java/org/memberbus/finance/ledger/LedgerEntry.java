package org.memberbus.finance.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One journal entry the bus asks the ledger for, in the accounting API's own shape (the body of
 * {@code POST /api/v1/journal-entries}); amounts from cents. {@code kind} says what it books
 * (payment, refund, dispute, payout, recognition) and travels as a message header, not in the body.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerEntry(LocalDate date, String externalReference, String memo, List<Line> lines,
                          @JsonIgnore String kind) {

    /** One side of one account; the other side is zero. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String account, BigDecimal debit, BigDecimal credit) {

        static Line debit(String account, long cents) {
            return new Line(account, money(cents), BigDecimal.ZERO.setScale(2));
        }

        static Line credit(String account, long cents) {
            return new Line(account, BigDecimal.ZERO.setScale(2), money(cents));
        }
    }

    static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    /** Sum of debits equals sum of credits. */
    @JsonIgnore
    public boolean balanced() {
        return lines.stream().map(Line::debit).reduce(BigDecimal.ZERO, BigDecimal::add)
                .compareTo(lines.stream().map(Line::credit).reduce(BigDecimal.ZERO, BigDecimal::add)) == 0;
    }
}
