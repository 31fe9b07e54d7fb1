package org.memberbus.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memberbus.health.Trigger.Action;
import org.memberbus.health.Trigger.Rule;
import org.memberbus.member.MembershipLevel;

/**
 * Triggers fire once per transition. TestModel: retention (campaign member-retention, task due in
 * 3 days); expansion (membership-upgrade: healthy, score ≥ 80, renewal within 60 days, a level with
 * an upgrade); renewal_risk_change (a band change with the renewal within 90 days).
 */
class TriggerRulesTest {

    static final LocalDate MON = LocalDate.of(2025, 11, 17);
    static final LocalDate TUE = MON.plusDays(1);
    static final String TASK = "Member health dropped to at risk: call the member";

    final TriggerRules rules = TestModel.engine().triggers();

    @Test
    void aDropIntoAtRiskStartsRetentionAndATaskForTheOwner() {
        List<Trigger> fired = rules.decide(result(MON, 45), result(TUE, 35), null, MembershipLevel.PROFESSIONAL);
        String reason = "dropped from watch into at_risk (score 45 → 35)";
        assertEquals(List.of(
                new Trigger(Rule.RETENTION, Action.CAMPAIGN, "member-retention", null, reason),
                new Trigger(Rule.RETENTION, Action.TASK, TASK, TUE.plusDays(3), reason)), fired);
    }

    @Test
    void stayingAtRiskFiresNothingAgain() {
        assertEquals(List.of(), rules.decide(result(MON, 35), result(TUE, 20), null, MembershipLevel.PROFESSIONAL));
        assertEquals(List.of(), rules.decide(result(MON, 35), result(TUE, 35), TUE.plusDays(30), MembershipLevel.PROFESSIONAL));
    }

    @Test
    void aFirstScoreAtRiskCountsAsADrop() {
        List<Trigger> fired = rules.decide(null, result(TUE, 12), null, MembershipLevel.STUDENT);
        assertEquals(List.of(Action.CAMPAIGN, Action.TASK), fired.stream().map(Trigger::action).toList());
        assertEquals("first score 12 is at_risk", fired.get(0).reason());
    }

    @Test
    void aHealthyMemberComingIntoTheRenewalWindowIsOfferedAnUpgradeOnce() {
        LocalDate renewal = TUE.plusDays(60);
        // Monday the renewal was 61 days away: not yet eligible; Tuesday 60 days: eligible
        List<Trigger> fired = rules.decide(result(MON, 85), result(TUE, 85), renewal, MembershipLevel.ASSOCIATE);
        assertEquals(List.of(new Trigger(Rule.EXPANSION, Action.CAMPAIGN, "membership-upgrade", null,
                "healthy with score 85 ≥ 80, renewal in 60 days, upgrade ASSOCIATE → PROFESSIONAL")), fired);
        // Wednesday: still eligible, so nothing new
        assertEquals(List.of(), rules.decide(result(TUE, 85), result(TUE.plusDays(1), 86), renewal, MembershipLevel.ASSOCIATE));
    }

    @Test
    void crossingTheMinimumScoreMakesAMemberEligibleToo() {
        LocalDate renewal = TUE.plusDays(30);
        assertEquals(List.of(Rule.EXPANSION), rules(rules.decide(result(MON, 79), result(TUE, 80), renewal, MembershipLevel.STUDENT)));
    }

    @Test
    void noUpgradeOfferWhenTheMemberDoesNotQualify() {
        LocalDate renewal = TUE.plusDays(30);
        assertEquals(List.of(), rules.decide(null, result(TUE, 95), renewal, MembershipLevel.FELLOW), "the top level");
        assertEquals(List.of(), rules.decide(null, result(TUE, 75), renewal, MembershipLevel.ASSOCIATE), "healthy but below 80");
        assertEquals(List.of(), rules.decide(null, result(TUE, 95), TUE.plusDays(61), MembershipLevel.ASSOCIATE), "renewal too far");
        assertEquals(List.of(), rules.decide(null, result(TUE, 95), null, MembershipLevel.ASSOCIATE), "no renewal pending");
        assertEquals(List.of(), rules.decide(null, result(TUE, 95), renewal, null), "level unknown");
    }

    @Test
    void aBandChangeNearTheRenewalIsARenewalRiskChange() {
        List<Trigger> fired = rules.decide(result(MON, 72), result(TUE, 66), TUE.plusDays(80), MembershipLevel.FELLOW);
        assertEquals(List.of(new Trigger(Rule.RENEWAL_RISK_CHANGE, Action.EVENT, "renewal_risk_change", null,
                "band healthy → watch with the renewal in 80 days")), fired);
        // up as well as down
        assertEquals(List.of(Rule.RENEWAL_RISK_CHANGE),
                rules(rules.decide(result(MON, 30), result(TUE, 50), TUE.plusDays(90), MembershipLevel.FELLOW)));
    }

    @Test
    void noRenewalRiskChangeWithoutABandChangeOrARenewalNear() {
        assertEquals(List.of(), rules.decide(result(MON, 72), result(TUE, 66), TUE.plusDays(91), MembershipLevel.FELLOW));
        assertEquals(List.of(), rules.decide(result(MON, 72), result(TUE, 66), TUE.minusDays(5), MembershipLevel.FELLOW));
        assertEquals(List.of(), rules.decide(result(MON, 60), result(TUE, 45), TUE.plusDays(10), MembershipLevel.FELLOW));
        assertEquals(List.of(), rules.decide(null, result(TUE, 66), TUE.plusDays(10), MembershipLevel.FELLOW), "no previous band");
    }

    @Test
    void oneTransitionCanFireSeveralRules() {
        // watch → at_risk, renewal in 30 days: retention (campaign and task) and renewal_risk_change
        assertEquals(List.of(Rule.RETENTION, Rule.RETENTION, Rule.RENEWAL_RISK_CHANGE),
                rules(rules.decide(result(MON, 41), result(TUE, 39), TUE.plusDays(30), MembershipLevel.ASSOCIATE)));
        // watch → healthy 90, renewal in 30 days, an upgrade to offer: expansion and renewal_risk_change
        assertEquals(List.of(Rule.EXPANSION, Rule.RENEWAL_RISK_CHANGE),
                rules(rules.decide(result(MON, 60), result(TUE, 90), TUE.plusDays(30), MembershipLevel.ASSOCIATE)));
    }

    @Test
    void aRuleLeftOutOfTheModelNeverFires() {
        String yaml = TestModel.YAML.substring(0, TestModel.YAML.indexOf("triggers:"))
                + TestModel.YAML.substring(TestModel.YAML.indexOf("# GET /api/v1/cs-sales/expansion"));
        TriggerRules none = HealthEngine.of(TestModel.model(yaml)).triggers();
        assertEquals(List.of(), none.decide(result(MON, 41), result(TUE, 39), TUE.plusDays(30), MembershipLevel.ASSOCIATE));
    }

    /** A result as the scorer would give it, band from TestModel's bands (70 / 40). */
    static HealthResult result(LocalDate day, int score) {
        Band band = score >= 70 ? Band.HEALTHY : score >= 40 ? Band.WATCH : Band.AT_RISK;
        return new HealthResult("m-1", day, score, band, null, List.of(), "test-1");
    }

    private static List<Rule> rules(List<Trigger> fired) {
        return fired.stream().map(Trigger::rule).toList();
    }
}
