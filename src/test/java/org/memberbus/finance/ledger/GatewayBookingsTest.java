package org.memberbus.finance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memberbus.infra.PoisonMessageException;

/** What each gateway event books, without the bus (disputes, payouts and payments need no database). */
class GatewayBookingsTest {

    static final long NOV_23 = LocalDate.of(2026, 11, 23).atTime(10, 0).toEpochSecond(ZoneOffset.UTC);

    final GatewayBookings bookings = new GatewayBookings(new GlMapping("config/gl-mapping.yaml"), null,
            new org.memberbus.member.join.MembershipPricing("config/pricing.yaml"));

    static Map<String, Object> event(String type, Map<String, Object> object) {
        return Map.of("id", "evt_1", "type", type, "created", NOV_23, "data", Map.of("object", object));
    }

    static BigDecimal side(LedgerEntry entry, String account, boolean debit) {
        return entry.lines().stream().filter(l -> l.account().equals(account))
                .map(debit ? LedgerEntry.Line::debit : LedgerEntry.Line::credit).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void duesGoToDeferredRevenueWithTheirScheduleAndOtherIncomeStraightToIncome() {
        var dues = bookings.plan(event("payment_intent.succeeded", Map.of("id", "pi_1", "amount", 29500,
                "amount_received", 29500, "currency", "usd", "metadata", Map.of("purpose", "membership_join",
                        "level", "Professional", "term_start", "2026-11-23", "term_end", "2027-11-22"))));
        var entry = dues.entries().get(0);
        assertThat(entry.externalReference()).isEqualTo("pi_1:payment");
        assertThat(entry.date()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(entry.balanced()).isTrue();
        assertThat(side(entry, "2100", false)).isEqualByComparingTo("295.00");
        assertThat(dues.schedule()).hasSize(13).allSatisfy(row -> assertThat(row.incomeAccount()).isEqualTo("4030"));
        assertThat(dues.schedule().stream().mapToLong(GatewayBookings.ScheduleRow::cents).sum()).isEqualTo(29500);

        var donation = bookings.plan(event("payment_intent.succeeded", Map.of("id", "pi_2", "amount", 5000,
                "currency", "usd", "metadata", Map.of("purpose", "donation"),
                "latest_charge", Map.of("id", "ch_2", "balance_transaction", Map.of("fee", 175)))));
        var gift = donation.entries().get(0);
        assertThat(gift.balanced()).isTrue();
        assertThat(side(gift, "4300", false)).isEqualByComparingTo("50.00");
        assertThat(side(gift, "5100", true)).isEqualByComparingTo("1.75");
        assertThat(side(gift, "1100", true).subtract(side(gift, "1100", false))).isEqualByComparingTo("48.25");
        assertThat(donation.schedule()).isEmpty();
    }

    @Test
    void moneyOfAnUnknownPurposeIsBookedForStaffAndDuesWithoutTermOrLevelStillDeferred() {
        var raffle = bookings.plan(event("payment_intent.succeeded", Map.of("id", "pi_3", "amount", 100,
                "currency", "usd", "metadata", Map.of("purpose", "raffle")))).entries().get(0);
        assertThat(side(raffle, "2300", false)).isEqualByComparingTo("1.00");
        var noTerm = bookings.plan(event("payment_intent.succeeded", Map.of("id", "pi_4", "amount", 36500,
                "currency", "usd", "metadata", Map.of("purpose", "membership_join"))));
        assertThat(side(noTerm.entries().get(0), "2100", false)).isEqualByComparingTo("365.00");
        // a term of config/pricing.yaml from the day paid, earned to the unknown level's account
        assertThat(noTerm.schedule().get(0).month()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(noTerm.schedule()).allSatisfy(row -> assertThat(row.incomeAccount()).isEqualTo("4000"));
        assertThat(noTerm.schedule().stream().mapToLong(GatewayBookings.ScheduleRow::cents).sum()).isEqualTo(36500);
        assertThatThrownBy(() -> bookings.plan(event("payment_intent.succeeded", Map.of("id", "pi_4", "amount", 100,
                "currency", "usd", "metadata", Map.of("purpose", "membership_renewal", "term_start", "someday")))))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("term_start");
        assertThatThrownBy(() -> bookings.plan(event("payment_intent.succeeded", Map.of("id", "pi_5", "amount", 100,
                "currency", "eur", "metadata", Map.of("purpose", "donation")))))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("USD");
    }

    @Test
    void aDisputeHoldsTheFundsAndWonReturnsThemLostReversesWithTheFee() {
        var created = bookings.plan(event("charge.dispute.created", Map.of("id", "dp_1", "object", "dispute",
                "amount", 10000, "charge", "ch_9", "status", "needs_response"))).entries().get(0);
        assertThat(created.externalReference()).isEqualTo("dp_1:dispute-created");
        assertThat(side(created, "1150", true)).isEqualByComparingTo("100.00");
        assertThat(side(created, "1100", false)).isEqualByComparingTo("100.00");

        var won = bookings.plan(event("charge.dispute.closed", Map.of("id", "dp_1", "amount", 10000, "charge", "ch_9",
                "status", "won"))).entries().get(0);
        assertThat(won.externalReference()).isEqualTo("dp_1:dispute-won");
        assertThat(side(won, "1150", false)).isEqualByComparingTo("100.00");

        var lost = bookings.plan(event("charge.dispute.closed", Map.of("id", "dp_2", "amount", 10000, "charge", "ch_8",
                "status", "lost", "balance_transactions", List.of(Map.of("amount", -10000, "fee", 1500))))).entries().get(0);
        assertThat(lost.externalReference()).isEqualTo("dp_2:dispute-lost");
        assertThat(lost.balanced()).isTrue();
        assertThat(side(lost, "4900", true)).isEqualByComparingTo("100.00");
        assertThat(side(lost, "5110", true)).isEqualByComparingTo("15.00");
        assertThat(bookings.plan(event("charge.dispute.closed", Map.of("id", "dp_3", "amount", 100,
                "status", "warning_closed"))).isEmpty()).isTrue();
    }

    @Test
    void aPayoutMovesClearingToTheBankOnItsArrivalDate() {
        long arrival = LocalDate.of(2026, 11, 25).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        var payout = bookings.plan(event("payout.paid", Map.of("id", "po_1", "object", "payout", "amount", 123456,
                "arrival_date", arrival, "status", "paid"))).entries().get(0);
        assertThat(payout.externalReference()).isEqualTo("po_1:payout");
        assertThat(payout.date()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(side(payout, "1000", true)).isEqualByComparingTo("1234.56");
        assertThat(side(payout, "1100", false)).isEqualByComparingTo("1234.56");
    }
    @Test
    void aSubscriptionsPaidInvoiceIsBookedByTheInvoiceWithItsSubscriptionsMetadata() {
        long start = NOV_23;
        long end = LocalDate.of(2027, 11, 23).atTime(10, 0).toEpochSecond(ZoneOffset.UTC);
        var gift = bookings.plan(event("invoice.paid", Map.of("id", "in_1", "amount_paid", 2500, "currency", "usd",
                "parent", Map.of("subscription_details", Map.of("subscription", "sub_1",
                        "metadata", Map.of("purpose", "donation", "campaign_id", "701000000000001AAA"))))));
        var entry = gift.entries().get(0);
        assertThat(entry.externalReference()).isEqualTo("in_1:payment");
        assertThat(entry.balanced()).isTrue();
        assertThat(side(entry, "4300", false)).isEqualByComparingTo("25.00");
        assertThat(side(entry, "1100", true)).isEqualByComparingTo("25.00");

        // a dues subscription (type dues): deferred for the period its line bills
        var dues = bookings.plan(event("invoice.paid", Map.of("id", "in_2", "amount_paid", 29500, "currency", "usd",
                "parent", Map.of("subscription_details", Map.of("subscription", "sub_2",
                        "metadata", Map.of("type", "dues", "level", "professional"))),
                "lines", Map.of("data", List.of(Map.of("period", Map.of("start", start, "end", end)))))));
        assertThat(side(dues.entries().get(0), "2100", false)).isEqualByComparingTo("295.00");
        assertThat(dues.schedule()).hasSize(13);
        assertThat(dues.schedule().get(0).month()).isEqualTo(LocalDate.of(2026, 11, 1));

        // a one-off invoice books nothing here: its payment intent says what it is
        assertThat(bookings.plan(event("invoice.paid", Map.of("id", "in_3", "amount_paid", 100, "currency", "usd")))
                .isEmpty()).isTrue();
    }

    @Test
    void aCheckIsDepositedToTheBankNotTheGatewaysClearing() {
        var plan = bookings.offlinePayment("check_INV-000001_1042", 29500, "usd", Map.of("purpose", "membership_renewal",
                "level", "professional", "term_start", "2027-01-01", "term_end", "2027-12-31"), LocalDate.of(2026, 12, 5));
        var entry = plan.entries().get(0);
        assertThat(entry.externalReference()).isEqualTo("check_INV-000001_1042:payment");
        assertThat(entry.balanced()).isTrue();
        assertThat(side(entry, "1000", true)).isEqualByComparingTo("295.00");
        assertThat(side(entry, "1100", true)).isEqualByComparingTo("0");
        assertThat(side(entry, "2100", false)).isEqualByComparingTo("295.00");
        assertThat(plan.schedule()).hasSize(12);
    }

    @Test
    void onlyAPaymentIntentWithoutPurposeMayPayAnInvoice() {
        assertThat(bookings.mayPayAnInvoice(event("payment_intent.succeeded", Map.of("id", "pi_9", "metadata", Map.of()))))
                .isTrue();
        assertThat(bookings.mayPayAnInvoice(event("payment_intent.succeeded", Map.of("id", "pi_9",
                "metadata", Map.of("purpose", "donation"))))).isFalse();
        assertThat(bookings.mayPayAnInvoice(event("charge.refunded", Map.of("id", "ch_9")))).isFalse();
        assertThat(bookings.paysAnInvoice(Map.of("data", List.of(Map.of("id", "inpay_1"))))).isTrue();
        assertThat(bookings.paysAnInvoice(Map.of("data", List.of()))).isFalse();
    }
}
