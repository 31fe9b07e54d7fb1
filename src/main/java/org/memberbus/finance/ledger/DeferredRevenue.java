package org.memberbus.finance.ledger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Header;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deferred dues and their monthly recognition. A run for a month takes every share of the schedule
 * due by that month and not yet recognized (a payment booked late catches up) and asks for one
 * entry, dated the month's last day: deferred revenue debited, each level's dues income credited.
 * Its reference names the month and the shares it covers, so a run repeated after a crash asks
 * for the same entry, and a later run with other shares for another one.
 */
@Component("deferredRevenue")
public class DeferredRevenue {

    /** One run: the month, its entry (null when nothing is due), and the shares it recognizes. */
    public record Run(String month, LedgerEntry entry, List<String> payments, long cents) {

        public boolean hasEntry() {
            return entry != null;
        }

        public List<LedgerEntry> entries() {
            return entry == null ? List.of() : List.of(entry);
        }
    }

    private final JdbcTemplate jdbc;
    private final GlMapping mapping;
    private final ZoneId zone;
    private final Clock clock;

    DeferredRevenue(JdbcTemplate jdbc, GlMapping mapping, @Value("${memberbus.ledger.time-zone:UTC}") String zone) {
        this.jdbc = jdbc;
        this.mapping = mapping;
        this.zone = ZoneId.of(zone);
        this.clock = Clock.systemUTC();
    }

    /** The month the scheduled run recognizes: the one that just ended. */
    public String previousMonth() {
        return YearMonth.now(clock.withZone(zone)).minusMonths(1).toString();
    }

    /** The run for {@code month} (YYYY-MM; the previous month when empty). */
    public Run recognize(@Header("month") String month) {
        var ym = month(month);
        var rows = jdbc.queryForList("""
                select payment_ref, month, amount_cents, income_account from deferred_revenue_schedule
                where month <= ? and recognition_ref is null order by payment_ref, month""", ym.atDay(1));
        if (rows.isEmpty()) {
            return new Run(ym.toString(), null, List.of(), 0);
        }
        var byAccount = new TreeMap<String, Long>();
        var keys = new StringBuilder();
        var payments = new ArrayList<String>();
        long total = 0;
        for (var row : rows) {
            long cents = ((Number) row.get("amount_cents")).longValue();
            byAccount.merge((String) row.get("income_account"), cents, Long::sum);
            total += cents;
            String payment = (String) row.get("payment_ref");
            keys.append(payment).append('/').append(row.get("month")).append('\n');
            if (payments.isEmpty() || !payments.get(payments.size() - 1).equals(payment)) {
                payments.add(payment);
            }
        }
        var lines = new ArrayList<LedgerEntry.Line>();
        lines.add(LedgerEntry.Line.debit(mapping.current().deferredDues(), total));
        byAccount.forEach((account, cents) -> {
            if (cents > 0) {
                lines.add(LedgerEntry.Line.credit(account, cents));
            }
        });
        String reference = "revrec:" + ym + ":" + digest(keys.toString());
        var entry = new LedgerEntry(ym.atEndOfMonth(), reference, "Dues recognized for " + ym + " ("
                + payments.size() + " payments)", List.copyOf(lines), "recognition");
        return new Run(ym.toString(), total > 0 ? entry : null, List.copyOf(payments), total);
    }

    /** Marks the shares of the run recognized, once its entry is on its way to the ledger. */
    public Map<String, Object> recognized(Run run) {
        if (run.hasEntry()) {
            jdbc.update("""
                    update deferred_revenue_schedule set recognition_ref = ?, recognized_on = ?
                    where month <= ? and recognition_ref is null and payment_ref = any (?)""",
                    run.entry().externalReference(), run.entry().date(), YearMonth.parse(run.month()).atDay(1),
                    run.payments().toArray(String[]::new));
        }
        var report = new LinkedHashMap<String, Object>();
        report.put("month", run.month());
        report.put("entries", run.entries().size());
        report.put("reference", run.hasEntry() ? run.entry().externalReference() : null);
        report.put("payments", run.payments().size());
        report.put("recognized", LedgerEntry.money(run.cents()));
        return report;
    }

    /**
     * The deferred balance as of a day, by the schedule (dues paid by then whose months end after
     * it) and by the ledger (the deferred account's balance there, {@code ledgerBalance} as read
     * from the accounting API), and whether they agree to the cent.
     */
    public Map<String, Object> report(@Header("asOf") String asOf, @Header("ledgerBalance") String ledgerBalance) {
        LocalDate day = LocalDate.parse(day(asOf));
        // still deferred on that day: paid by then and not recognized by an entry dated then or
        // before (a share of an earlier month caught up by a later run stays deferred until that
        // run's date, as in the ledger; one overdue is still deferred, and also counted below)
        Long scheduled = jdbc.queryForObject("""
                select coalesce(sum(amount_cents), 0) from deferred_revenue_schedule
                where paid_on <= ? and (recognized_on is null or recognized_on > ?)""",
                Long.class, day, day);
        var fromSchedule = LedgerEntry.money(scheduled == null ? 0 : scheduled);
        var inLedger = new BigDecimal(ledgerBalance).setScale(2);
        var report = new LinkedHashMap<String, Object>();
        report.put("asOf", day.toString());
        report.put("account", mapping.current().deferredDues());
        report.put("scheduleBalance", fromSchedule);
        report.put("ledgerBalance", inLedger);
        report.put("difference", inLedger.subtract(fromSchedule));
        report.put("matches", inLedger.compareTo(fromSchedule) == 0);
        report.put("unrecognizedDue", LedgerEntry.money(jdbc.queryForObject("""
                select coalesce(sum(amount_cents), 0) from deferred_revenue_schedule
                where (recognized_on is null or recognized_on > ?) and (month + interval '1 month' - interval '1 day')::date <= ?""",
                Long.class, day, day)));
        return report;
    }

    /**
     * The day of a report: asOf (YYYY-MM-DD), today when empty; as ISO text (a LocalDate header
     * would be rendered by Camel's simple language in a locale's short form, 2/28/31).
     */
    public String day(@Header("asOf") String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return LocalDate.now(clock.withZone(zone)).toString();
        }
        try {
            return LocalDate.parse(asOf.trim()).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("asOf must be a date as YYYY-MM-DD, not '" + asOf + "'");
        }
    }

    private YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            return YearMonth.parse(previousMonth());
        }
        try {
            return YearMonth.parse(month.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("month must be YYYY-MM, not '" + month + "'");
        }
    }

    private static String digest(String keys) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(keys.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
