package org.memberbus.finance.refunds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a refund, an ACH return or a lost dispute undoes, and how charge.refunded's cumulative amount is read. */
class ReversalRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    final MembershipReversals reversals = new MembershipReversals(
            Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC), ZoneId.of("UTC"));

    static Map<String, Object> membership(String status, String end) {
        return Map.of("totalSize", 1, "records", List.of(Map.of("Id", "a01DM0000000001AAA", "Status__c", status,
                "End_Date__c", end, "Contact__r", Map.of("Email", "ada@example.org", "FirstName", "Ada"))));
    }

    @Test
    void aRefundedJoinEndsTheMembershipYesterday() {
        var decision = reversals.decide(reversals.reversal("pi_1", "003DM0000000001AAA", "membership_join", "refund", null, "x"),
                membership("Active", "2027-06-14"), null, null);
        assertThat(decision.newStatus()).isEqualTo("Lapsed");
        assertThat(decision.newEnd()).isEqualTo(TODAY.minusDays(1));
        assertThat(decision.previousEnd()).isEqualTo(LocalDate.of(2027, 6, 14));
    }

    @Test
    void aRefundedRenewalGoesBackToTheEndBeforeIt() {
        var renewal = Map.<String, Object>of("previous_status", "Active", "previous_end", java.sql.Date.valueOf("2026-09-30"));
        var decision = reversals.decide(reversals.reversal("pi_2", "003DM0000000001AAA", "renewal", "refund", null, "x"),
                membership("Active", "2027-09-30"), renewal, null);
        assertThat(decision.newStatus()).isEqualTo("Active");
        assertThat(decision.newEnd()).isEqualTo(LocalDate.of(2026, 9, 30));

        var lapsedBefore = reversals.decide(reversals.reversal("pi_3", "003DM0000000001AAA", "membership_renewal",
                "dispute_lost", "2026-05-01", "x"), membership("Active", "2027-04-30"), null, null);
        assertThat(lapsedBefore.newEnd()).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(lapsedBefore.newStatus()).isEqualTo("Lapsed");
    }

    @Test
    void aDecisionTakenBeforeIsAppliedAgainUnchanged() {
        var stored = Map.<String, Object>of("membership_id", "a01DM0000000001AAA", "previous_status", "Active",
                "previous_end", java.sql.Date.valueOf("2027-06-14"), "new_status", "Lapsed",
                "new_end", java.sql.Date.valueOf("2026-06-01"));
        var decision = reversals.decide(reversals.reversal("pi_1", "003DM0000000001AAA", "membership_join", "refund", null, "x"),
                membership("Lapsed", "2026-06-01"), null, stored);
        assertThat(decision.newEnd()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(decision.previousEnd()).isEqualTo(LocalDate.of(2027, 6, 14));
    }

    @Test
    void anAchReturnNoticeIsSentOncePerPayment() {
        var decision = reversals.decide(reversals.reversal("pi_9", "003DM0000000001AAA", "membership_join", "ach_return",
                null, "bank debit returned: account_closed"), membership("Active", "2027-06-14"), null, null);
        var notice = reversals.notice(decision);
        assertThat(notice.requestId()).isEqualTo("membership-reversed:pi_9");
        assertThat(notice.body()).containsEntry("campaign", "payment-failed").containsEntry("email", "ada@example.org");
    }

    @Test
    void chargeRefundedIsReadByItsCumulativeAmountAndNeverGoesBack() {
        var refunds = new ChargeRefunds();
        Map<String, Object> event = Map.of("id", "evt_1", "type", "charge.refunded", "data", Map.of("object", Map.of(
                "object", "charge", "id", "ch_1", "payment_intent", "pi_1", "amount", 29500L, "amount_refunded", 10000L,
                "currency", "usd", "metadata", Map.of("purpose", "membership_join"))));
        var first = refunds.applied(event, null);
        assertThat(first.full()).isFalse();
        assertThat(refunds.paymentRecord(first, Map.of("records", List.of(Map.of("Id", "a09")))))
                .containsEntry("Status__c", "Partially Refunded").doesNotContainKey("Amount__c");
        // the older event arrives after the full refund was applied: the CRM keeps the full amount
        var late = refunds.applied(event, 29500L);
        assertThat(late.amountRefunded()).isEqualTo(29500);
        assertThat(late.undoesMembership()).isTrue();
    }
}
