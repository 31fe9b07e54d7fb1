package org.memberbus.health.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memberbus.health.SignalInputs;
import org.memberbus.health.SignalSnapshot;
import org.memberbus.member.MembershipLevel;
import org.memberbus.member.MembershipStatus;

/** What the stored signals say on the day scored: time-based values computed for that day. */
class SignalInputsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    static SignalInputs member(String status, LocalDate renewal, Integer duesOnTime, Double ceRequired,
                               SignalInputs.Counts counts) {
        return new SignalInputs("003DM0000000013AAA", "ada@example.org", "005DM0000000001AAA", status, "Professional",
                LocalDate.of(2021, 5, 23), renewal, 12.0, ceRequired,
                Instant.parse("2026-11-03T18:30:00Z"), duesOnTime, counts);
    }

    @Test
    void theSnapshotHoldsEverySignalTheModelNamesComputedForTheDay() {
        SignalInputs m = member("Active", TODAY.plusDays(200), 1, 30.0, new SignalInputs.Counts(4, 17, 2, 1, 3, 0));
        SignalSnapshot s = m.snapshot(TODAY, ZoneOffset.UTC);
        assertThat(s.values()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "days_since_login", 20.0,
                "posts_90d", 4.0,
                "events_12m", 2.0,
                "content_views_90d", 17.0,
                "open_issues", 1.0,
                "ce_credits", 12.0,
                "ce_credits_required", 30.0,
                "dues_paid_on_time", 1.0,
                "tenure_years", 5.5));
        assertThat(m.priorRenewals()).isEqualTo(2);
        assertThat(m.status()).isEqualTo(MembershipStatus.ACTIVE);
        assertThat(m.level()).isEqualTo(MembershipLevel.PROFESSIONAL);
    }

    @Test
    void aMemberWhoDoesNothingDriftsAsTheDaysPass() {
        SignalInputs m = member("Active", TODAY.plusDays(10), 1, null, SignalInputs.Counts.NONE);
        assertThat(m.snapshot(TODAY.plusDays(30), ZoneOffset.UTC).value("days_since_login")).isEqualTo(50.0);
        // past the end date unpaid: dues are overdue whatever the last payment said
        assertThat(m.snapshot(TODAY.plusDays(11), ZoneOffset.UTC).value("dues_paid_on_time")).isEqualTo(0.0);
        assertThat(m.snapshot(TODAY.plusDays(10), ZoneOffset.UTC).value("dues_paid_on_time")).isEqualTo(1.0);
    }

    @Test
    void unknownValuesAreLeftOutForTheModelsMissingRule() {
        SignalInputs m = new SignalInputs("003DM0000000013AAA", null, null, "Active", null, null, null, null, null,
                null, null, null);
        SignalSnapshot s = m.snapshot(TODAY, ZoneOffset.UTC);
        assertThat(s.values()).doesNotContainKeys("days_since_login", "ce_credits", "dues_paid_on_time", "tenure_years");
        assertThat(s.value("posts_90d")).isZero();
    }

    @Test
    void aLapsedMembersDuesAreNotOnTime() {
        assertThat(member("Lapsed", TODAY.minusDays(5), 1, null, null).snapshot(TODAY, ZoneOffset.UTC)
                .value("dues_paid_on_time")).isEqualTo(0.0);
        assertThat(member("Active", TODAY.plusDays(5), 0, null, null).snapshot(TODAY, ZoneOffset.UTC)
                .value("dues_paid_on_time")).isEqualTo(0.0);
        assertThat(member("Active", TODAY.plusDays(5), null, null, null).snapshot(TODAY, ZoneOffset.UTC)
                .value("dues_paid_on_time")).isNull();
    }
}
