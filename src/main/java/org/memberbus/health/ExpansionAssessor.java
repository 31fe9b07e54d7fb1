package org.memberbus.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.memberbus.health.HealthResult.Contribution;
import org.memberbus.member.MembershipLevel;

/**
 * Expansion readiness: 100 × Σ(weight × factor) / Σ weight, where a factor is the health score / 100
 * or a signal's normalised value from the member's health result.
 */
final class ExpansionAssessor {

    private final List<HealthModel.Factor> factors;
    private final double totalWeight;
    private final int readyAt;
    private final Map<MembershipLevel, MembershipLevel> upgrades;

    ExpansionAssessor(HealthModel model) {
        factors = List.copyOf(model.expansion().factors());
        totalWeight = factors.stream().mapToDouble(HealthModel.Factor::weight).sum();
        readyAt = model.expansion().readyAt();
        upgrades = model.upgradesByLevel();
    }

    ExpansionReadiness assess(HealthResult health, MembershipLevel level) {
        List<Evidence> evidence = new ArrayList<>(factors.size());
        double sum = 0;
        for (HealthModel.Factor f : factors) {
            double value;
            String detail;
            if (HealthModelLoader.HEALTH_SCORE_FACTOR.equals(f.factor())) {
                value = health.score() / 100.0;
                detail = "health score " + health.score() + " (" + health.band().label() + ")";
            } else {
                Contribution c = health.contribution(f.factor());
                value = c == null || !c.counted() ? 0 : c.normalised();
                detail = c == null ? f.factor() + " is not in this score (model " + health.modelVersion() + ")"
                        : !c.counted() ? f.factor() + " has no value and is skipped"
                        : c.value() == null ? f.factor() + " has no value and counts " + c.normalised()
                        : f.factor() + " = " + Numbers.plain(c.value()) + ", normalised " + Numbers.halfUp(c.normalised(), 4);
            }
            sum += f.weight() * value;
            evidence.add(new Evidence(f.factor(), Numbers.halfUp(100 * f.weight() * value / totalWeight, 2),
                    detail + ", weight " + Numbers.plain(f.weight())));
        }
        int readiness = (int) Numbers.halfUp(100 * sum / totalWeight, 0);
        MembershipLevel upgradeTo = level == null ? null : upgrades.get(level);
        return new ExpansionReadiness(health.memberId(), health.asOf(), readiness,
                upgradeTo != null && readiness >= readyAt, level, upgradeTo, List.copyOf(evidence), health.modelVersion());
    }
}
