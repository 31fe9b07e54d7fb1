package org.memberbus.health;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Renewal probability: a straight line on the health score, moved by the member's renewal history
 * and trend, kept within the model's floor and ceiling; the playbook is the first whose threshold
 * the probability reaches.
 */
final class RenewalForecaster {

    private final HealthModel.RenewalModel m;

    RenewalForecaster(HealthModel model) {
        m = model.renewal();
    }

    /**
     * @param renewalDate   when the membership is due to renew (null when unknown; only reported)
     * @param priorRenewals how many times the member has renewed before
     * @param priorLapses   how many times the member has lapsed before
     */
    RenewalRisk assess(HealthResult health, LocalDate renewalDate, int priorRenewals, int priorLapses) {
        List<Evidence> evidence = new ArrayList<>(5);
        double base = m.atScore0() + (m.atScore100() - m.atScore0()) * health.score() / 100;
        evidence.add(new Evidence("health_score", round(base), "health score " + health.score() + " ("
                + health.band().label() + "): " + m.atScore0() + " + (" + m.atScore100() + " - " + m.atScore0() + ") × "
                + health.score() + " / 100"));
        double p = base;
        int counted = Math.min(Math.max(priorRenewals, 0), m.maxPriorRenewals());
        if (counted > 0) {
            double effect = counted * m.perPriorRenewal();
            p += effect;
            evidence.add(new Evidence("prior_renewals", round(effect), "prior renewals " + priorRenewals
                    + (counted < priorRenewals ? ", counted up to " + counted + "," : "") + " × " + m.perPriorRenewal()));
        }
        if (priorLapses > 0) {
            double effect = priorLapses * m.perPriorLapse();
            p += effect;
            evidence.add(new Evidence("prior_lapses", round(effect), "prior lapses " + priorLapses + " × " + m.perPriorLapse()));
        }
        HealthResult.Trend trend = health.trend();
        if (trend != null && (trend.direction() == HealthResult.Trend.Direction.UP
                || trend.direction() == HealthResult.Trend.Direction.DOWN)) {
            boolean up = trend.direction() == HealthResult.Trend.Direction.UP;
            double effect = up ? m.trendUp() : m.trendDown();
            p += effect;
            evidence.add(new Evidence("trend", round(effect), "health trend " + trend.direction().label() + " "
                    + (trend.delta() > 0 ? "+" : "") + trend.delta() + " over " + trend.windowDays() + " days"));
        }
        double kept = Math.min(Math.max(p, m.floor()), m.ceiling());
        if (kept != p) {
            evidence.add(new Evidence("limit", round(kept - p), "kept within " + m.floor() + "-" + m.ceiling()));
        }
        double probability = Numbers.halfUp(kept, 2);
        HealthModel.Playbook playbook = m.playbooks().get(m.playbooks().size() - 1);
        for (HealthModel.Playbook candidate : m.playbooks()) {
            if (probability >= candidate.minProbability()) {
                playbook = candidate;
                break;
            }
        }
        Long days = renewalDate == null ? null : ChronoUnit.DAYS.between(health.asOf(), renewalDate);
        return new RenewalRisk(health.memberId(), renewalDate, days, probability, playbook.name(),
                playbook.description(), List.copyOf(evidence), health.modelVersion());
    }

    private static double round(double p) {
        return Numbers.halfUp(p, 4);
    }
}
