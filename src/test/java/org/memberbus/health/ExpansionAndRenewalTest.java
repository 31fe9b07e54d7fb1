package org.memberbus.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memberbus.member.MembershipLevel;

/** Expansion readiness and renewal probability, worked by hand on TestModel and HealthScorerTest's members. */
class ExpansionAndRenewalTest {

    final HealthEngine engine = TestModel.engine();
    final HealthResult ada = engine.scorer().score(HealthScorerTest.ada(), 75);  // 83, healthy, up +8
    final HealthResult ben = engine.scorer().score(HealthScorerTest.ben(), 60);  // 52, watch, down −8
    final HealthResult cy = engine.scorer().score(HealthScorerTest.cy(), 9);     //  9, at_risk, flat

    @Test
    void readinessOfAHealthyAssociateWorkedByHand() {
        // factor         value               × weight = points (Σ weight 100)
        // health_score   83 / 100 = 0.83     × 40 = 33.2
        // events_12m     normalised 0.75     × 20 = 15
        // ce_credits     normalised 0.8      × 15 = 12
        // posts_90d      normalised 0.6      × 15 =  9
        // tenure_years   normalised 0.8      × 10 =  8
        // Σ = 77.2 → 77 ≥ ready-at 70, and ASSOCIATE has an upgrade: ready
        ExpansionReadiness r = engine.expansion().assess(ada, MembershipLevel.ASSOCIATE);
        assertEquals(77, r.readiness());
        assertTrue(r.ready());
        assertEquals(MembershipLevel.PROFESSIONAL, r.upgradeTo());
        assertEquals(List.of(
                new Evidence("health_score", 33.2, "health score 83 (healthy), weight 40"),
                new Evidence("events_12m", 15, "events_12m = 2, normalised 0.75, weight 20"),
                new Evidence("ce_credits", 12, "ce_credits = 24, normalised 0.8, weight 15"),
                new Evidence("posts_90d", 9, "posts_90d = 6, normalised 0.6, weight 15"),
                new Evidence("tenure_years", 8, "tenure_years = 4, normalised 0.8, weight 10")), r.evidence());
        assertEquals("test-1", r.modelVersion());
    }

    @Test
    void readinessWithMissingSignalsWorkedByHand() {
        // health_score 0.52 × 40 = 20.8; events_12m 0.5 × 20 = 10; ce_credits skipped → 0 × 15 = 0;
        // posts_90d 0.2 × 15 = 3; tenure_years missing, neutral 0.5 × 10 = 5
        // Σ = 38.8 → 39 < 70: not ready
        ExpansionReadiness r = engine.expansion().assess(ben, MembershipLevel.STUDENT);
        assertEquals(39, r.readiness());
        assertFalse(r.ready());
        assertEquals(new Evidence("ce_credits", 0, "ce_credits has no value and is skipped, weight 15"), r.evidence().get(2));
        assertEquals(new Evidence("tenure_years", 5, "tenure_years has no value and counts 0.5, weight 10"), r.evidence().get(4));
    }

    @Test
    void theTopLevelIsNeverReady() {
        ExpansionReadiness r = engine.expansion().assess(ada, MembershipLevel.FELLOW);
        assertEquals(77, r.readiness());
        assertFalse(r.ready());
        assertNull(r.upgradeTo());
    }

    @Test
    void renewalOfAHealthyLoyalMemberWorkedByHand() {
        // base 0.30 + (0.95 − 0.30) × 83 / 100 = 0.30 + 0.5395 = 0.8395
        // 3 prior renewals × 0.02 = +0.06; trend up → +0.02
        // 0.8395 + 0.06 + 0.02 = 0.9195 → 0.92 ≥ 0.80: standard-renewal
        LocalDate renewal = LocalDate.of(2026, 1, 15);
        RenewalRisk r = engine.renewal().assess(ada, renewal, 3, 0);
        assertEquals(0.92, r.probability());
        assertEquals("standard-renewal", r.playbook());
        assertEquals("automated renewal reminders", r.playbookDescription());
        assertEquals(56, r.daysToRenewal()); // 20 Nov 2025 → 15 Jan 2026: 10 + 31 + 15
        assertEquals(List.of(
                new Evidence("health_score", 0.8395, "health score 83 (healthy): 0.3 + (0.95 - 0.3) × 83 / 100"),
                new Evidence("prior_renewals", 0.06, "prior renewals 3 × 0.02"),
                new Evidence("trend", 0.02, "health trend up +8 over 30 days")), r.evidence());
    }

    @Test
    void renewalOfAWatchMemberWithALapseWorkedByHand() {
        // base 0.30 + 0.65 × 0.52 = 0.638; 1 renewal +0.02; 1 lapse −0.10; trend down −0.05
        // 0.638 + 0.02 − 0.10 − 0.05 = 0.508 → 0.51 < 0.60: save-plan
        RenewalRisk r = engine.renewal().assess(ben, null, 1, 1);
        assertEquals(0.51, r.probability());
        assertEquals("save-plan", r.playbook());
        assertNull(r.daysToRenewal());
        assertEquals(new Evidence("prior_lapses", -0.1, "prior lapses 1 × -0.1"), r.evidence().get(2));
        assertEquals(new Evidence("trend", -0.05, "health trend down -8 over 30 days"), r.evidence().get(3));
    }

    @Test
    void theMiddlePlaybook() {
        // Ben without a lapse, 2 renewals, flat trend: 0.638 + 0.04 = 0.678 → 0.68, in 0.60..0.80: value-review
        RenewalRisk r = engine.renewal().assess(engine.scorer().score(HealthScorerTest.ben(), 52), null, 2, 0);
        assertEquals(0.68, r.probability());
        assertEquals("value-review", r.playbook());
    }

    @Test
    void priorRenewalsCountUpToTheirMaximum() {
        // base 0.30 + 0.65 × 0.09 = 0.3585; 8 renewals counted as 5 × 0.02 = +0.10; flat
        // 0.4585 → 0.46
        RenewalRisk r = engine.renewal().assess(cy, null, 8, 0);
        assertEquals(0.46, r.probability());
        assertEquals(new Evidence("prior_renewals", 0.1, "prior renewals 8, counted up to 5, × 0.02"), r.evidence().get(1));
    }

    @Test
    void theProbabilityStaysWithinFloorAndCeiling() {
        // 0.3585 − 4 × 0.10 = −0.0415 → floor 0.02; the limit shows as +0.0615
        RenewalRisk low = engine.renewal().assess(cy, null, 0, 4);
        assertEquals(0.02, low.probability());
        assertEquals(new Evidence("limit", 0.0615, "kept within 0.02-0.99"), low.evidence().get(2));
        // a perfect score, 5 renewals, trending up: 0.95 + 0.10 + 0.02 = 1.07 → ceiling 0.99
        HealthResult perfect = new HealthResult("p", cy.asOf(), 100, Band.HEALTHY,
                new HealthResult.Trend(HealthResult.Trend.Direction.UP, 10, 90, 30), List.of(), "test-1");
        assertEquals(0.99, engine.renewal().assess(perfect, null, 5, 0).probability());
    }
}
