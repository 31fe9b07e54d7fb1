package org.memberbus.finance.refunds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refund policy as config/refund-policy.yaml states it: full within 30 days, prorated after, none after 90. */
class RefundPolicyTest {

    final RefundPolicy policy = new RefundPolicy("config/refund-policy.yaml");
    static final LocalDate PAID = LocalDate.of(2026, 1, 1);

    @Test
    void aJoinPaidWithinThirtyDaysIsRefundedInFull() {
        var outcome = policy.decide("membership_join", 29500, 0, PAID, null, null, PAID.plusDays(30), null);
        assertThat(outcome.amount()).isEqualTo(29500);
        assertThat(outcome.rule()).startsWith("full refund within 30 days");
    }

    @Test
    void afterThirtyDaysTheUnusedShareOfTheTermIsRefunded() {
        // term 2026-01-01..2026-12-31 (365 days); asked on day 60: 306 days unused
        var outcome = policy.decide("membership_renewal", 36500, 0, PAID, PAID, LocalDate.of(2026, 12, 31),
                PAID.plusDays(59), null);
        assertThat(outcome.amount()).isEqualTo(30600);
        assertThat(outcome.rule()).contains("306 of 365 days");
    }

    @Test
    void afterNinetyDaysNothing() {
        var outcome = policy.decide("membership_join", 29500, 0, PAID, null, null, PAID.plusDays(91), null);
        assertThat(outcome.granted()).isFalse();
        assertThat(outcome.rule()).startsWith("no refund after 90 days");
    }

    @Test
    void whatWasRefundedAlreadyComesOffAndAMemberMayAskForLess() {
        assertThat(policy.decide("membership_join", 29500, 10000, PAID, null, null, PAID, null).amount()).isEqualTo(19500);
        assertThat(policy.decide("membership_join", 29500, 29500, PAID, null, null, PAID, null).granted()).isFalse();
        assertThat(policy.decide("membership_join", 29500, 0, PAID, null, null, PAID, 5000L).amount()).isEqualTo(5000);
        assertThat(policy.decide("membership_join", 29500, 0, PAID, null, null, PAID, 50000L).amount()).isEqualTo(29500);
    }

    @Test
    void eachPurposeHasItsRuleAndDonationsAreNotRefunded() {
        assertThat(policy.decide("event_fee", 9000, 0, PAID, null, null, PAID.plusDays(31), null).granted()).isFalse();
        assertThat(policy.decide("donation", 9000, 0, PAID, null, null, PAID.plusDays(1), null).granted()).isFalse();
        assertThat(policy.decide("something_else", 9000, 0, PAID, null, null, PAID.plusDays(1), null).amount()).isEqualTo(9000);
    }

    @Test
    void aBadPolicyFileStopsTheStartWithItsReason(@TempDir Path dir) throws Exception {
        var file = dir.resolve("policy.yaml");
        Files.writeString(file, "default:\n  full-within-days: 30\n  none-after-days: 10\n");
        assertThatThrownBy(() -> new RefundPolicy(file.toString())).hasMessageContaining("none-after-days is before");
    }
}
