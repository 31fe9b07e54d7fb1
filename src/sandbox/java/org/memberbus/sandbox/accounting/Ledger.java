package org.memberbus.sandbox.accounting;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The general ledger: posted journal entries, in memory. Posting is idempotent on
 * {@code externalReference}: the same reference with the same content returns the entry already
 * posted; with other content it is refused, so a retried call never books twice and a reused
 * reference never hides a different booking.
 */
final class Ledger {

    /** The result of a post: the entry, and whether this call created it. */
    record Posted(JournalEntry entry, boolean created) {}

    record Balance(String account, String name, Account.Type type, Account.Side normalBalance, LocalDate asOf,
                   BigDecimal totalDebit, BigDecimal totalCredit, BigDecimal balance, int entries) {}

    record TrialBalance(LocalDate asOf, List<Balance> accounts, BigDecimal totalDebit, BigDecimal totalCredit) {}

    private final ChartOfAccounts chart;
    private final Clock clock;
    private final Map<String, JournalEntry> entries = new ConcurrentHashMap<>();
    private final Map<String, String> byReference = new ConcurrentHashMap<>();
    private long sequence;
    /** The books-closed date (QuickBooks Online's Close the books): nothing is posted on or before it. */
    private volatile LocalDate booksClosed;

    Ledger(ChartOfAccounts chart, Clock clock) {
        this.chart = chart;
        this.clock = clock;
    }

    synchronized Posted post(EntryDraft draft) {
        if (draft.externalReference() != null) {
            String existingId = byReference.get(draft.externalReference());
            if (existingId != null) {
                var existing = entries.get(existingId);
                if (draft.sameAs(existing)) {
                    return new Posted(existing, false);
                }
                throw LedgerProblem.conflict("reference_conflict", "externalReference " + draft.externalReference()
                        + " is already used by journal entry " + existingId + " with different content");
            }
        }
        refuseInClosedPeriod(draft.date());
        var lines = IntStream.range(0, draft.lines().size()).mapToObj(i -> {
            var line = draft.lines().get(i);
            return new JournalEntry.Line(i + 1, line.account(), chart.find(line.account()).orElseThrow().name(),
                    line.debit(), line.credit(), line.memo());
        }).toList();
        return new Posted(store(draft.date(), draft.externalReference(), draft.memo(), lines, null), true);
    }

    private JournalEntry store(LocalDate date, String reference, String memo, List<JournalEntry.Line> lines,
                               String reverses) {
        long number = ++sequence;
        var entry = new JournalEntry(String.format("je_%06d", number), number, date, reference, memo, "USD", "posted",
                lines, total(lines, JournalEntry.Line::debit), total(lines, JournalEntry.Line::credit), clock.instant(),
                reverses, null);
        entries.put(entry.id(), entry);
        if (reference != null) {
            byReference.put(reference, entry.id());
        }
        return entry;
    }

    private static BigDecimal total(List<JournalEntry.Line> lines, Function<JournalEntry.Line, BigDecimal> side) {
        return lines.stream().map(side).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
    }

    JournalEntry get(String id) {
        var entry = entries.get(id);
        if (entry == null) {
            throw LedgerProblem.notFound("Journal entry " + id);
        }
        return entry;
    }

    /**
     * Posts the mirror of an entry (every debit becomes a credit and the other way round) and
     * marks the original {@code reversed}. An entry is reversed once; a reversal is not reversed.
     */
    synchronized JournalEntry reverse(String id, LocalDate date, String memo) {
        var original = get(id);
        if (original.reversedBy() != null) {
            throw LedgerProblem.conflict("already_reversed", "Journal entry " + id + " was already reversed by "
                    + original.reversedBy());
        }
        if (original.reverses() != null) {
            throw LedgerProblem.conflict("reversal_not_reversible", "Journal entry " + id + " is the reversal of "
                    + original.reverses() + " and cannot itself be reversed; post a new entry instead");
        }
        LocalDate on = date != null ? date : LocalDate.now(clock);
        if (on.isBefore(original.date())) {
            if (date != null) {
                throw new LedgerProblem(422, "invalid_date", "Invalid reversal", "date " + date
                        + " is before the date of the entry it reverses (" + original.date() + ")",
                        List.of(new LedgerProblem.FieldError("date", "invalid_date", "must not be before " + original.date())));
            }
            on = original.date();
        }
        refuseInClosedPeriod(on);
        var mirrored = original.lines().stream().map(l -> new JournalEntry.Line(l.lineNumber(), l.account(),
                l.accountName(), l.credit(), l.debit(), l.memo())).toList();
        String reference = original.externalReference() == null ? null : original.externalReference() + ":reversal";
        var mirror = store(on, reference, memo != null ? memo
                : "Reversal of " + original.id() + (original.memo() == null ? "" : ": " + original.memo()), mirrored, id);
        entries.put(id, original.reversedBy(mirror.id()));
        return mirror;
    }

    /**
     * An entry dated on or before the books-closed date is refused, as QuickBooks Online refuses it
     * (its error 6200, "The account period has closed"): 422 {@code period_closed}, naming the
     * closed date and the first open day. A repeat of an entry posted before the close still
     * answers the entry (the reference is checked first).
     */
    private void refuseInClosedPeriod(LocalDate date) {
        var closed = booksClosed;
        if (closed != null && !date.isAfter(closed)) {
            throw new LedgerProblem(422, "period_closed", "Period closed", "The account period has closed: "
                    + "the books are closed through " + closed + "; date " + date + " is in a closed period",
                    List.of(new LedgerProblem.FieldError("date", "period_closed", "must be after " + closed)),
                    Map.of("booksClosedDate", closed.toString(), "firstOpenDate", closed.plusDays(1).toString()));
        }
    }

    LocalDate booksClosed() {
        return booksClosed;
    }

    void closeBooks(LocalDate through) {
        booksClosed = through;
    }

    /** Entries in journal order (date, then number) that pass {@code filter}. */
    List<JournalEntry> find(Predicate<JournalEntry> filter) {
        return entries.values().stream().filter(filter)
                .sorted(Comparator.comparing(JournalEntry::date).thenComparingLong(JournalEntry::number)).toList();
    }

    Balance balance(Account account, LocalDate asOf) {
        BigDecimal debit = BigDecimal.ZERO.setScale(2);
        BigDecimal credit = BigDecimal.ZERO.setScale(2);
        int count = 0;
        for (var entry : entries.values()) {
            if (entry.date().isAfter(asOf) || !entry.touches(account.code())) {
                continue;
            }
            count++;
            for (var line : entry.lines()) {
                if (line.account().equals(account.code())) {
                    debit = debit.add(line.debit());
                    credit = credit.add(line.credit());
                }
            }
        }
        var balance = account.normalBalance() == Account.Side.DEBIT ? debit.subtract(credit) : credit.subtract(debit);
        return new Balance(account.code(), account.name(), account.type(), account.normalBalance(), asOf, debit, credit,
                balance, count);
    }

    TrialBalance trialBalance(LocalDate asOf) {
        var balances = new ArrayList<Balance>();
        for (var account : chart.all()) {
            var balance = balance(account, asOf);
            if (balance.entries() > 0) {
                balances.add(balance);
            }
        }
        return new TrialBalance(asOf, balances,
                balances.stream().map(Balance::totalDebit).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add),
                balances.stream().map(Balance::totalCredit).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add));
    }

    int size() {
        return entries.size();
    }
}
