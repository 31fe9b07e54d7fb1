package org.memberbus.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.memberbus.member.MembershipLevel;

/**
 * config/health-model.yaml as written, field for field (kebab-case in the file). Values stay as
 * written (strings, boxed numbers that may be null) so that {@link HealthModelLoader} can say what
 * is wrong with each; only a model it has validated reaches the scorer.
 */
record HealthModel(
        String version,
        List<Signal> signals,
        List<BandRange> bands,
        TrendRule trend,
        Map<String, String> upgrades,
        Triggers triggers,
        ExpansionModel expansion,
        RenewalModel renewal) {

    /** The upgrade offered from each level that has one; call only on a validated model. */
    Map<MembershipLevel, MembershipLevel> upgradesByLevel() {
        Map<MembershipLevel, MembershipLevel> byLevel = new EnumMap<>(MembershipLevel.class);
        if (upgrades != null) {
            upgrades.forEach((from, to) -> byLevel.put(MembershipLevel.valueOf(from), MembershipLevel.valueOf(to)));
        }
        return byLevel;
    }

    record Signal(String name, String description, Double weight, Normalise normalise, String missing) {}

    record Normalise(String kind, Double min, Double max, Boolean invert,
                     Double requirement, String requirementFrom, List<Step> steps) {}

    record Step(Double from, Double value) {}

    record BandRange(String name, Integer min, Integer max) {}

    record TrendRule(Integer windowDays, Integer flatThreshold) {}

    record Triggers(Retention retention, Expansion expansion, RenewalRiskChange renewalRiskChange) {}

    record Retention(String campaign, FollowUpTask task) {}

    record FollowUpTask(String subject, Integer dueInDays) {}

    record Expansion(String campaign, Integer minScore, Integer renewalWithinDays) {}

    record RenewalRiskChange(String event, Integer renewalWithinDays) {}

    record ExpansionModel(Integer readyAt, List<Factor> factors) {}

    record Factor(String factor, Double weight) {}

    record RenewalModel(
            @JsonProperty("at-score-0") Double atScore0,
            @JsonProperty("at-score-100") Double atScore100,
            Double perPriorRenewal,
            Integer maxPriorRenewals,
            Double perPriorLapse,
            Double trendUp,
            Double trendDown,
            Double floor,
            Double ceiling,
            List<Playbook> playbooks) {}

    record Playbook(String name, Double minProbability, String description) {}
}
