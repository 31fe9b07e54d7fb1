package org.memberbus.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memberbus.health.HealthResult.Contribution;
import org.memberbus.health.HealthResult.Trend.Direction;

/**
 * The score worked by hand on TestModel (weights 20 15 15 15 5 15 10 5, Σ 100):
 * score = 100 × Σ(weight × normalised) / Σ weight, rounded half up.
 */
class HealthScorerTest {

    static final LocalDate DAY = LocalDate.of(2025, 11, 20);
    final HealthScorer scorer = TestModel.engine().scorer();

    /** Ada: certified, active, paid on time. */
    static SignalSnapshot ada() {
        return snapshot("ada", Map.of("days_since_login", 9.0, "posts_90d", 6.0, "events_12m", 2.0,
                "ce_credits", 24.0, "ce_credits_required", 30.0, "content_views_90d", 30.0,
                "dues_paid_on_time", 1.0, "tenure_years", 4.0, "open_issues", 0.0));
    }

    /** Ben: not certified (no CE values: skipped), tenure unknown (neutral). */
    static SignalSnapshot ben() {
        return snapshot("ben", Map.of("days_since_login", 45.0, "posts_90d", 2.0, "events_12m", 1.0,
                "content_views_90d", 4.0, "dues_paid_on_time", 1.0, "open_issues", 1.0));
    }

    /** Cy: gone quiet, paid late, never posted (posts missing: zero). */
    static SignalSnapshot cy() {
        return snapshot("cy", Map.of("days_since_login", 120.0, "events_12m", 0.0,
                "ce_credits", 3.0, "ce_credits_required", 30.0, "content_views_90d", 2.0,
                "dues_paid_on_time", 0.0, "tenure_years", 2.0, "open_issues", 2.0));
    }

    @Test
    void healthyMemberWorkedByHand() {
        // signal             value  normalised                      × weight = points
        // days_since_login     9    1 − (9 − 0)/(90 − 0) = 0.9       × 20 = 18
        // posts_90d            6    6/10 = 0.6                       × 15 =  9
        // events_12m           2    step from 2 → 0.75               × 15 = 11.25
        // ce_credits          24    24/30 = 0.8                      × 15 = 12
        // content_views_90d   30    30/20 = 1.5, capped at 1         ×  5 =  5
        // dues_paid_on_time    1    yes → 1                          × 15 = 15
        // tenure_years         4    4/5 = 0.8                        × 10 =  8
        // open_issues          0    step from 0 → 1.0                ×  5 =  5
        // Σ = 83.25 over Σ weight 100 → 83.25 → 83: healthy (70-100)
        HealthResult r = scorer.score(ada(), null);
        assertEquals(83, r.score());
        assertEquals(Band.HEALTHY, r.band());
        assertEquals("test-1", r.modelVersion());
        assertEquals("ada", r.memberId());
        assertEquals(DAY, r.asOf());
        assertContribution(r, "days_since_login", 9.0, 0.9, 20, 18);
        assertContribution(r, "posts_90d", 6.0, 0.6, 15, 9);
        assertContribution(r, "events_12m", 2.0, 0.75, 15, 11.25);
        assertContribution(r, "ce_credits", 24.0, 0.8, 15, 12);
        assertContribution(r, "content_views_90d", 30.0, 1.0, 5, 5);
        assertContribution(r, "dues_paid_on_time", 1.0, 1.0, 15, 15);
        assertContribution(r, "tenure_years", 4.0, 0.8, 10, 8);
        assertContribution(r, "open_issues", 0.0, 1.0, 5, 5);
        assertEquals(8, r.contributions().size());
    }

    @Test
    void watchMemberWithASkippedSignalWorkedByHand() {
        // ce_credits has no value and `missing: skip`: its weight 15 leaves the sum, Σ weight = 85.
        // signal             value  normalised                 weight × n   points = 100 × w × n / 85
        // days_since_login    45    1 − 45/90 = 0.5              10          11.76
        // posts_90d            2    2/10 = 0.2                    3           3.53
        // events_12m           1    step from 1 → 0.5             7.5         8.82
        // ce_credits           -    skipped                       -           0
        // content_views_90d    4    4/20 = 0.2                    1           1.18
        // dues_paid_on_time    1    1                            15          17.65
        // tenure_years         -    missing: neutral → 0.5        5           5.88
        // open_issues          1    step from 1 → 0.5             2.5         2.94
        // Σ w × n = 44; score = 100 × 44 / 85 = 51.76 → 52: watch (40-69)
        HealthResult r = scorer.score(ben(), null);
        assertEquals(52, r.score());
        assertEquals(Band.WATCH, r.band());
        assertContribution(r, "days_since_login", 45.0, 0.5, 20, 11.76);
        assertContribution(r, "posts_90d", 2.0, 0.2, 15, 3.53);
        assertContribution(r, "events_12m", 1.0, 0.5, 15, 8.82);
        assertContribution(r, "content_views_90d", 4.0, 0.2, 5, 1.18);
        assertContribution(r, "dues_paid_on_time", 1.0, 1.0, 15, 17.65);
        assertContribution(r, "tenure_years", null, 0.5, 10, 5.88);
        assertContribution(r, "open_issues", 1.0, 0.5, 5, 2.94);
        Contribution ce = r.contribution("ce_credits");
        assertFalse(ce.counted());
        assertNull(ce.value());
        assertEquals(0, ce.points());
        assertEquals(15, ce.weight());
    }

    @Test
    void atRiskMemberWorkedByHand() {
        // signal             value  normalised                      × weight = points
        // days_since_login   120    1 − 120/90 → below 0, so 0       × 20 = 0
        // posts_90d            -    missing: zero → 0                × 15 = 0
        // events_12m           0    step from 0 → 0                  × 15 = 0
        // ce_credits           3    3/30 = 0.1                       × 15 = 1.5
        // content_views_90d    2    2/20 = 0.1                       ×  5 = 0.5
        // dues_paid_on_time    0    no → 0                           × 15 = 0
        // tenure_years         2    2/5 = 0.4                        × 10 = 4
        // open_issues          2    step from 1 (2 < 3) → 0.5        ×  5 = 2.5
        // Σ = 8.5 over Σ weight 100 → 8.5 → 9 (half up): at_risk (0-39)
        HealthResult r = scorer.score(cy(), null);
        assertEquals(9, r.score());
        assertEquals(Band.AT_RISK, r.band());
        assertContribution(r, "days_since_login", 120.0, 0, 20, 0);
        assertContribution(r, "posts_90d", null, 0, 15, 0);
        assertTrue(r.contribution("posts_90d").counted(), "missing: zero still counts its weight");
        assertContribution(r, "events_12m", 0.0, 0, 15, 0);
        assertContribution(r, "ce_credits", 3.0, 0.1, 15, 1.5);
        assertContribution(r, "content_views_90d", 2.0, 0.1, 5, 0.5);
        assertContribution(r, "dues_paid_on_time", 0.0, 0, 15, 0);
        assertContribution(r, "tenure_years", 2.0, 0.4, 10, 4);
        assertContribution(r, "open_issues", 2.0, 0.5, 5, 2.5);
    }

    @Test
    void halfAPointAtABandEdgeRoundsUpIntoTheHigherBand() {
        // days_since_login 0 → 1 × 20 = 20;  posts_90d 1 → 0.1 × 15 = 1.5;  events_12m 0 → 0;
        // ce_credits 0 of 30 → 0;  content_views_90d 0 → 0;  dues_paid_on_time 1 → 15;
        // tenure_years 1.5 → 0.3 × 10 = 3;  open_issues 4 → step from 3 → 0
        // Σ = 39.5 over 100 → 40 (half up): watch (40-69), not at_risk (0-39)
        HealthResult r = scorer.score(snapshot("edge", Map.of("days_since_login", 0.0, "posts_90d", 1.0,
                "dues_paid_on_time", 1.0, "open_issues", 4.0, "tenure_years", 1.5, "events_12m", 0.0,
                "content_views_90d", 0.0, "ce_credits", 0.0, "ce_credits_required", 30.0)), null);
        assertEquals(40, r.score());
        assertEquals(Band.WATCH, r.band());
    }

    @Test
    void aRatioWithoutItsRequirementCountsAsMissing() {
        // ce_credits 24 but no ce_credits_required and no fixed requirement: cannot normalise, so
        // `missing: skip` applies although the value is shown
        Map<String, Double> values = new HashMap<>(ada().values());
        values.remove("ce_credits_required");
        HealthResult r = scorer.score(snapshot("ada", values), null);
        Contribution ce = r.contribution("ce_credits");
        assertEquals(24.0, ce.value());
        assertFalse(ce.counted());
        // Σ w × n without ce = 83.25 − 12 = 71.25 over 85 → 83.82 → 84
        assertEquals(84, r.score());
    }

    @Test
    void aFixedRequirementStandsInWhenTheMemberHasNone() {
        HealthScorer fixed = HealthEngine.of(TestModel.model(TestModel.with(
                "requirement-from: ce_credits_required}", "requirement-from: ce_credits_required, requirement: 40}"))).scorer();
        Map<String, Double> values = new HashMap<>(ada().values());
        values.remove("ce_credits_required");
        // 24 / 40 = 0.6 × 15 = 9 instead of 12: Σ = 83.25 − 3 = 80.25 → 80
        HealthResult r = fixed.score(snapshot("ada", values), null);
        assertEquals(0.6, r.contribution("ce_credits").normalised(), 1e-12);
        assertEquals(80, r.score());
        // the member's own requirement wins when present: 24 / 30 as before
        assertEquals(83, fixed.score(ada(), null).score());
    }

    @Test
    void trendComparesWithTheScoreOfTheWindowAgo() {
        // Ada scores 83; flat-threshold 3, window 30 days
        assertTrend(scorer.score(ada(), 75), Direction.UP, 8, 75);    // 83 − 75 = +8 > 3
        assertTrend(scorer.score(ada(), 90), Direction.DOWN, -7, 90); // 83 − 90 = −7
        assertTrend(scorer.score(ada(), 84), Direction.FLAT, -1, 84); // |−1| ≤ 3
        assertTrend(scorer.score(ada(), 80), Direction.FLAT, 3, 80);  // |3| ≤ 3: the edge is flat
        assertTrend(scorer.score(ada(), 79), Direction.UP, 4, 79);    // 4 > 3
        HealthResult.Trend none = scorer.score(ada(), null).trend();
        assertEquals(Direction.NONE, none.direction());
        assertNull(none.delta());
        assertEquals(30, none.windowDays());
    }

    @Test
    void sameSnapshotSameResult() {
        assertEquals(scorer.score(ben(), 60), scorer.score(ben(), 60));
    }

    @Test
    void nullAndNaNValuesAreMissing() {
        Map<String, Double> values = new HashMap<>(ada().values());
        values.put("tenure_years", null);
        values.put("posts_90d", Double.NaN);
        HealthResult r = scorer.score(snapshot("ada", values), null);
        // tenure neutral 0.5 × 10 = 5 (was 8), posts zero (was 9): 83.25 − 3 − 9 = 71.25 → 71
        assertEquals(71, r.score());
        assertNull(r.contribution("posts_90d").value());
    }

    static SignalSnapshot snapshot(String member, Map<String, Double> values) {
        return new SignalSnapshot(member, DAY, values);
    }

    private static void assertContribution(HealthResult r, String signal, Double value, double normalised,
                                           double weight, double points) {
        Contribution c = r.contribution(signal);
        assertEquals(value, c.value(), signal + " value");
        assertEquals(normalised, c.normalised(), 1e-12, signal + " normalised");
        assertEquals(weight, c.weight(), signal + " weight");
        assertEquals(points, c.points(), 1e-12, signal + " points");
    }

    private static void assertTrend(HealthResult r, Direction direction, int delta, int previous) {
        assertEquals(direction, r.trend().direction());
        assertEquals(delta, r.trend().delta());
        assertEquals(previous, r.trend().previousScore());
    }
}
