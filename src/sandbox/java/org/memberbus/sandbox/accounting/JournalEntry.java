package org.memberbus.sandbox.accounting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A posted journal entry. Entries are never changed or deleted: a mistake is corrected by
 * reversing the entry ({@code status} becomes {@code reversed}, {@code reversedBy} names the
 * mirror entry, which names it in {@code reverses}) and posting a new one.
 */
record JournalEntry(String id, long number, LocalDate date, String externalReference, String memo, String currency,
                    String status, List<Line> lines, BigDecimal totalDebit, BigDecimal totalCredit, Instant postedAt,
                    String reverses, String reversedBy) {

    /** One line: an amount on one side of one account. */
    record Line(int lineNumber, String account, String accountName, BigDecimal debit, BigDecimal credit, String memo) {}

    JournalEntry reversedBy(String mirrorId) {
        return new JournalEntry(id, number, date, externalReference, memo, currency, "reversed", lines, totalDebit,
                totalCredit, postedAt, reverses, mirrorId);
    }

    boolean touches(String account) {
        return lines.stream().anyMatch(l -> l.account().equals(account));
    }
}
