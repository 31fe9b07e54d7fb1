package org.memberbus.finance.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memberbus.infra.PoisonMessageException;
import org.memberbus.member.join.MembershipPricing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What each gateway event books in the ledger: a balanced journal entry whose reference is derived
 * from the gateway object (its id and what the entry is), so the same event however often it comes
 * asks for the same entry and the ledger keeps it once.
 *
 * <ul>
 * <li>{@code payment_intent.succeeded}: clearing debited; by {@code metadata.purpose} dues to
 * deferred revenue (with the month-by-month schedule), anything else to its income account.</li>
 * <li>{@code charge.refunded}: {@code amount_refunded} is cumulative, so only what goes beyond the
 * part already booked for the charge (reference {@code <charge>:refund:<cumulative>}); an older
 * event arriving late books nothing.</li>
 * <li>{@code charge.dispute.created}: the amount moves to disputed funds; {@code closed} won moves
 * it back, lost books it like a refund plus the dispute fee.</li>
 * <li>{@code payout.paid}: from clearing to the bank.</li>
 * </ul>
 */
@Component("gatewayBookings")
public class GatewayBookings {

    /** What one event books: entries, the dues schedule rows, and the refund progress to record once sent. */
    public record Plan(String eventType, List<LedgerEntry> entries, List<ScheduleRow> schedule, String refundedCharge,
                       long refundedCents, String duesPayment, long unearnedRefunded) {

        Plan(String eventType, List<LedgerEntry> entries, List<ScheduleRow> schedule, String refundedCharge,
             long refundedCents) {
            this(eventType, entries, schedule, refundedCharge, refundedCents, null, 0);
        }

        public boolean isEmpty() {
            return entries.isEmpty();
        }
    }

    /** One month's share of a dues payment, for {@code deferred_revenue_schedule}. */
    public record ScheduleRow(String paymentRef, LocalDate month, long cents, String incomeAccount, LocalDate paidOn) {}

    private static final Logger LOG = LoggerFactory.getLogger(GatewayBookings.class);

    private final GlMapping mapping;
    private final JdbcTemplate jdbc;
    private final MembershipPricing pricing;

    GatewayBookings(GlMapping mapping, JdbcTemplate jdbc, MembershipPricing pricing) {
        this.mapping = mapping;
        this.jdbc = jdbc;
        this.pricing = pricing;
    }

    /** The plan for one Stripe event (a parsed Event object). */
    public Plan plan(Map<String, Object> event) {
        String type = text(event, "type");
        var object = event.get("data") instanceof Map<?, ?> data && data.get("object") instanceof Map<?, ?> o
                ? o : Map.of();
        var gl = mapping.current();
        LocalDate on = date(number(event, "created"));
        return switch (String.valueOf(type)) {
            case "payment_intent.succeeded" -> payment(object, on, gl, type);
            case "invoice.paid" -> invoicePaid(object, on, gl, type);
            case "charge.refunded" -> refund(object, on, gl, type);
            case "charge.dispute.created" -> single(type, entry(id(object) + ":dispute-created", on, "Dispute opened "
                    + id(object) + " on charge " + object.get("charge"), "dispute",
                    LedgerEntry.Line.debit(gl.disputedFunds(), cents(object, "amount")),
                    LedgerEntry.Line.credit(gl.clearing(), cents(object, "amount"))));
            case "charge.dispute.closed" -> disputeClosed(object, on, gl, type);
            case "payout.paid" -> single(type, entry(id(object) + ":payout",
                    object.get("arrival_date") instanceof Number arrival ? date(arrival.longValue()) : on,
                    "Gateway payout " + id(object), "payout",
                    LedgerEntry.Line.debit(gl.bank(), cents(object, "amount")),
                    LedgerEntry.Line.credit(gl.clearing(), cents(object, "amount"))));
            default -> new Plan(type, List.of(), List.of(), null, 0);
        };
    }

    /**
     * A subscription's paid invoice (a recurring donation's or dues' charge): booked as a payment
     * by the invoice's id, with its subscription's metadata (Stripe copies it there; the invoice's
     * payment intent carries none, and is not booked, see {@link #mayPayAnInvoice}). A dues
     * subscription ({@code type=dues}) is a renewal for the service period of the invoice's line.
     */
    private Plan invoicePaid(Map<?, ?> invoice, LocalDate on, GlMapping.Accounts gl, String type) {
        if (!(invoice.get("parent") instanceof Map<?, ?> parent)
                || !(parent.get("subscription_details") instanceof Map<?, ?> details)) {
            return new Plan(type, List.of(), List.of(), null, 0); // a one-off invoice: its payment intent says what it is
        }
        var metadata = new java.util.LinkedHashMap<Object, Object>(details.get("metadata") instanceof Map<?, ?> m ? m : Map.of());
        if (metadata.get("purpose") == null && "dues".equals(metadata.get("type"))) {
            metadata.put("purpose", "membership_renewal");
        }
        if (gl.isDues(String.valueOf(metadata.get("purpose"))) && metadata.get("term_start") == null
                && invoice.get("lines") instanceof Map<?, ?> lines && lines.get("data") instanceof List<?> data
                && !data.isEmpty() && data.get(0) instanceof Map<?, ?> line && line.get("period") instanceof Map<?, ?> period
                && period.get("start") instanceof Number start && period.get("end") instanceof Number end) {
            metadata.put("term_start", date(start.longValue()).toString());
            metadata.put("term_end", date(end.longValue()).minusDays(1).toString());
        }
        var asPayment = new java.util.LinkedHashMap<Object, Object>();
        asPayment.put("id", invoice.get("id"));
        asPayment.put("currency", invoice.get("currency"));
        asPayment.put("amount_received", invoice.get("amount_paid"));
        asPayment.put("metadata", metadata);
        return payment(asPayment, on, gl, type);
    }

    /**
     * A payment staff received outside the gateway (a check for a CRM invoice): booked like a
     * gateway payment of the same purpose (dues deferred with their schedule, else the purpose's
     * income), but deposited to the bank, not the gateway's clearing account. Reference
     * {@code <id>:payment}.
     */
    public Plan offlinePayment(String id, long amount, String currency, Map<String, Object> metadata, LocalDate on) {
        var payment = new java.util.LinkedHashMap<Object, Object>();
        payment.put("id", id);
        payment.put("currency", currency);
        payment.put("amount_received", amount);
        payment.put("metadata", metadata);
        var gl = mapping.current();
        var plan = payment(payment, on, gl, "offline_payment");
        var entries = plan.entries().stream().map(e -> new LedgerEntry(e.date(), e.externalReference(),
                e.memo().replaceFirst("^(Dues|Payment)", "$1 by check"), e.lines().stream()
                .map(l -> l.account().equals(gl.clearing()) ? new LedgerEntry.Line(gl.bank(), l.debit(), l.credit()) : l)
                .toList(), e.kind())).toList();
        return new Plan(plan.eventType(), entries, plan.schedule(), null, 0);
    }

    /**
     * Whether a succeeded payment intent may be an invoice's (no {@code purpose} in its metadata):
     * the route then asks the gateway, and one that pays an invoice is left to the invoice's event.
     */
    public boolean mayPayAnInvoice(Map<String, Object> event) {
        return "payment_intent.succeeded".equals(event.get("type")) && event.get("data") instanceof Map<?, ?> data
                && data.get("object") instanceof Map<?, ?> intent
                && !(intent.get("metadata") instanceof Map<?, ?> m && m.get("purpose") != null);
    }

    /** The gateway's list of invoice payments for an intent: does it pay an invoice? */
    public boolean paysAnInvoice(Map<String, Object> invoicePayments) {
        return invoicePayments != null && invoicePayments.get("data") instanceof List<?> data && !data.isEmpty();
    }

    private Plan payment(Map<?, ?> intent, LocalDate on, GlMapping.Accounts gl, String type) {
        usd(intent);
        String id = id(intent);
        long amount = intent.get("amount_received") instanceof Number received ? received.longValue() : cents(intent, "amount");
        var metadata = intent.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        String purpose = metadata.get("purpose") instanceof String p ? p.trim() : null;
        var lines = new ArrayList<LedgerEntry.Line>();
        lines.add(LedgerEntry.Line.debit(gl.clearing(), amount));
        var schedule = new ArrayList<ScheduleRow>();
        String memo;
        if (gl.isDues(purpose)) {
            String level = metadata.get("level") instanceof String l ? l.trim().toLowerCase(Locale.ROOT) : null;
            String income = gl.duesIncomeOrDefault(level);
            if (gl.duesIncome(level) == null) {
                LOG.warn("payment {}: dues for level '{}', which dues.income-by-level does not map: earned to {}", id, level, income);
            }
            // without a term in the metadata: from the day paid, one term of config/pricing.yaml
            LocalDate start = metadata.get("term_start") == null ? on : isoDate(metadata.get("term_start"), id, "term_start");
            LocalDate end = metadata.get("term_end") == null ? pricing.current().endOf(start)
                    : isoDate(metadata.get("term_end"), id, "term_end");
            try {
                DuesSchedule.of(amount, start, end).forEach(share -> schedule.add(new ScheduleRow(id,
                        share.month().atDay(1), share.cents(), income, on)));
            } catch (IllegalArgumentException e) {
                throw new PoisonMessageException("payment " + id + ": " + e.getMessage());
            }
            lines.add(LedgerEntry.Line.credit(gl.deferredDues(), amount));
            memo = "Dues " + purpose + " " + level + " " + start + ".." + end + " " + id;
        } else if (gl.income(purpose) != null) {
            lines.add(LedgerEntry.Line.credit(gl.income(purpose), amount));
            memo = "Payment " + purpose + " " + id;
        } else { // the money is in the gateway's balance all the same: booked for staff to apply
            LOG.warn("payment {}: metadata.purpose '{}' is mapped to no account; booked to unidentified receipts {}",
                    id, purpose, gl.unidentified());
            lines.add(LedgerEntry.Line.credit(gl.unidentified(), amount));
            memo = "Unidentified receipt (purpose " + purpose + ") " + id;
        }
        long fee = fee(intent.get("latest_charge"));
        if (fee > 0) { // the gateway's fee, when the event carries the expanded charge and balance transaction
            lines.add(LedgerEntry.Line.debit(gl.fees(), fee));
            lines.add(LedgerEntry.Line.credit(gl.clearing(), fee));
        }
        return new Plan(type, List.of(new LedgerEntry(on, id + ":payment", memo, List.copyOf(lines), "payment")),
                List.copyOf(schedule), null, 0);
    }

    private Plan refund(Map<?, ?> charge, LocalDate on, GlMapping.Accounts gl, String type) {
        usd(charge);
        String id = id(charge);
        long cumulative = cents(charge, "amount_refunded");
        long booked = bookedRefunds(id);
        if (cumulative <= booked) { // a repeat, or an older refund event arriving after a later one
            return new Plan(type, List.of(), List.of(), null, 0);
        }
        long now = cumulative - booked;
        // dues not yet earned are given back out of deferred revenue (their schedule shrinks by as
        // much once the entry is on its way); what was earned already is a refund against income
        String intent = charge.get("payment_intent") instanceof String pi ? pi : null;
        long unearned = intent == null ? 0 : Math.min(now, unearned(intent));
        var lines = new ArrayList<LedgerEntry.Line>();
        if (unearned > 0) {
            lines.add(LedgerEntry.Line.debit(gl.deferredDues(), unearned));
        }
        if (now - unearned > 0) {
            lines.add(LedgerEntry.Line.debit(gl.refunds(), now - unearned));
        }
        lines.add(LedgerEntry.Line.credit(gl.clearing(), now));
        return new Plan(type, List.of(new LedgerEntry(on, id + ":refund:" + cumulative, "Refund of charge " + id + " ("
                + LedgerEntry.money(cumulative) + " refunded in all)", List.copyOf(lines), "refund")),
                List.of(), id, cumulative, unearned > 0 ? intent : null, unearned);
    }

    /** What of a dues payment's schedule is not recognized yet (0 for anything that is not dues). */
    private long unearned(String paymentRef) {
        Long left = jdbc.queryForObject("""
                select coalesce(sum(amount_cents), 0) from deferred_revenue_schedule
                where payment_ref = ? and recognition_ref is null""", Long.class, paymentRef);
        return left == null ? 0 : left;
    }

    private Plan disputeClosed(Map<?, ?> dispute, LocalDate on, GlMapping.Accounts gl, String type) {
        String id = id(dispute);
        long amount = cents(dispute, "amount");
        String status = String.valueOf(dispute.get("status"));
        if ("won".equals(status)) {
            return single(type, entry(id + ":dispute-won", on, "Dispute won " + id, "dispute",
                    LedgerEntry.Line.debit(gl.clearing(), amount), LedgerEntry.Line.credit(gl.disputedFunds(), amount)));
        }
        if ("lost".equals(status)) {
            long fee = disputeFee(dispute, gl.disputeFeeCents());
            var lines = new ArrayList<LedgerEntry.Line>(List.of(LedgerEntry.Line.debit(gl.disputesLost(), amount),
                    LedgerEntry.Line.credit(gl.disputedFunds(), amount)));
            if (fee > 0) {
                lines.add(LedgerEntry.Line.debit(gl.disputeFees(), fee));
                lines.add(LedgerEntry.Line.credit(gl.clearing(), fee));
            }
            return single(type, new LedgerEntry(on, id + ":dispute-lost", "Dispute lost " + id + " on charge "
                    + dispute.get("charge"), List.copyOf(lines), "dispute"));
        }
        return new Plan(type, List.of(), List.of(), null, 0); // warning_closed and the like move no money
    }

    /** Stripe's dispute fee from the dispute's balance transactions, else the configured one. */
    private static long disputeFee(Map<?, ?> dispute, long configured) {
        if (dispute.get("balance_transactions") instanceof List<?> transactions) {
            long fee = transactions.stream().filter(Map.class::isInstance).map(Map.class::cast)
                    .map(t -> t.get("fee")).filter(Number.class::isInstance).mapToLong(f -> ((Number) f).longValue())
                    .filter(f -> f > 0).sum();
            if (fee > 0) {
                return fee;
            }
        }
        return configured;
    }

    private static long fee(Object latestCharge) {
        if (latestCharge instanceof Map<?, ?> charge && charge.get("balance_transaction") instanceof Map<?, ?> balance
                && balance.get("fee") instanceof Number fee) {
            return fee.longValue();
        }
        return 0;
    }

    /** Rows of the schedule (idempotent: a payment's rows are written once). */
    public void schedule(Plan plan) {
        for (var row : plan.schedule()) {
            jdbc.update("""
                    insert into deferred_revenue_schedule (payment_ref, month, amount_cents, income_account, paid_on)
                    values (?, ?, ?, ?, ?) on conflict (payment_ref, month) do nothing""",
                    row.paymentRef(), row.month(), row.cents(), row.incomeAccount(), row.paidOn());
        }
    }

    /**
     * After the refund's entry is on its way: the part of the charge's refunds now booked, and the
     * dues schedule's months still to come reduced by what was given back out of deferred revenue
     * (in proportion, the last month taking the rounding), so schedule and ledger keep agreeing.
     */
    @org.springframework.transaction.annotation.Transactional
    public void refundBooked(Plan plan) {
        if (plan.refundedCharge() == null) {
            return;
        }
        if (plan.duesPayment() != null && plan.unearnedRefunded() > 0) {
            var rows = jdbc.queryForList("""
                    select month, amount_cents from deferred_revenue_schedule
                    where payment_ref = ? and recognition_ref is null order by month for update""", plan.duesPayment());
            long left = rows.stream().mapToLong(r -> ((Number) r.get("amount_cents")).longValue()).sum();
            long keep = Math.max(0, left - plan.unearnedRefunded());
            long kept = 0;
            long seen = 0;
            for (int i = 0; i < rows.size(); i++) {
                long cents = ((Number) rows.get(i).get("amount_cents")).longValue();
                seen += cents;
                long upToHere = i == rows.size() - 1 || left == 0 ? keep
                        : java.math.BigInteger.valueOf(keep).multiply(java.math.BigInteger.valueOf(seen))
                        .divide(java.math.BigInteger.valueOf(left)).longValueExact();
                jdbc.update("update deferred_revenue_schedule set amount_cents = ? where payment_ref = ? and month = ?",
                        upToHere - kept, plan.duesPayment(), rows.get(i).get("month"));
                kept = upToHere;
            }
        }
        jdbc.update("""
                insert into ledger_refund_progress (charge_id, refunded_cents) values (?, ?)
                on conflict (charge_id) do update set refunded_cents = greatest(ledger_refund_progress.refunded_cents,
                excluded.refunded_cents), updated_at = now()""", plan.refundedCharge(), plan.refundedCents());
    }

    private long bookedRefunds(String chargeId) {
        var booked = jdbc.queryForList("select refunded_cents from ledger_refund_progress where charge_id = ?",
                Long.class, chargeId);
        return booked.isEmpty() ? 0 : booked.get(0);
    }

    private static Plan single(String type, LedgerEntry entry) {
        return new Plan(type, List.of(entry), List.of(), null, 0);
    }

    private static LedgerEntry entry(String reference, LocalDate on, String memo, String kind, LedgerEntry.Line debit,
                                     LedgerEntry.Line credit) {
        return new LedgerEntry(on, reference, memo, List.of(debit, credit), kind);
    }

    private static void usd(Map<?, ?> object) {
        Object currency = object.get("currency");
        if (currency != null && !"usd".equalsIgnoreCase(String.valueOf(currency))) {
            throw new PoisonMessageException(object.get("id") + ": currency " + currency + "; the ledger is kept in USD");
        }
    }

    private static String id(Map<?, ?> object) {
        if (object.get("id") instanceof String id && !id.isBlank()) {
            return id;
        }
        throw new PoisonMessageException("gateway event without data.object.id");
    }

    private static long cents(Map<?, ?> object, String field) {
        if (object.get(field) instanceof Number n && n.longValue() >= 0) {
            return n.longValue();
        }
        throw new PoisonMessageException(object.get("id") + ": " + field + " missing or negative");
    }

    private static LocalDate isoDate(Object value, String id, String field) {
        try {
            return LocalDate.parse(String.valueOf(value).trim());
        } catch (DateTimeParseException e) {
            throw new PoisonMessageException("payment " + id + ": metadata." + field + " '" + value
                    + "' is not an ISO date (dues need term_start and term_end)");
        }
    }

    private static String text(Map<String, Object> map, String key) {
        return map.get(key) instanceof String s ? s : null;
    }

    private static long number(Map<String, Object> map, String key) {
        return map.get(key) instanceof Number n ? n.longValue() : Instant.now().getEpochSecond();
    }

    private static LocalDate date(long epochSecond) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }
}
