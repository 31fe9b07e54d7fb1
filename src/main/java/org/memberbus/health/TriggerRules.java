package org.memberbus.health;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.memberbus.health.Trigger.Action;
import org.memberbus.health.Trigger.Rule;
import org.memberbus.member.MembershipLevel;

/**
 * Which triggers a new score fires, decided from the previous result and the new one alone. Each
 * rule asks whether a condition holds now and did not hold before, so a trigger fires once per
 * transition and never again on a re-score that changes nothing, with no state kept here.
 */
final class TriggerRules {

    private final HealthModel.Retention retention;
    private final HealthModel.Expansion expansion;
    private final HealthModel.RenewalRiskChange renewalRiskChange;
    private final Map<MembershipLevel, MembershipLevel> upgrades;

    TriggerRules(HealthModel model) {
        HealthModel.Triggers t = model.triggers();
        retention = t == null ? null : t.retention();
        expansion = t == null ? null : t.expansion();
        renewalRiskChange = t == null ? null : t.renewalRiskChange();
        upgrades = model.upgradesByLevel();
    }

    /**
     * @param previous    the member's last result before this one, or null for a first score
     * @param current     the new result
     * @param renewalDate when the membership is next due to renew, or null when none is pending
     * @param level       the member's membership level, or null when unknown
     */
    List<Trigger> decide(HealthResult previous, HealthResult current, LocalDate renewalDate, MembershipLevel level) {
        Objects.requireNonNull(current, "current");
        List<Trigger> fired = new ArrayList<>(3);
        Band was = previous == null ? null : previous.band();
        Band now = current.band();

        if (retention != null && now == Band.AT_RISK && was != Band.AT_RISK) {
            String reason = was == null
                    ? "first score " + current.score() + " is at_risk"
                    : "dropped from " + was.label() + " into at_risk (score " + previous.score() + " → " + current.score() + ")";
            fired.add(new Trigger(Rule.RETENTION, Action.CAMPAIGN, retention.campaign(), null, reason));
            if (retention.task() != null) {
                fired.add(new Trigger(Rule.RETENTION, Action.TASK, retention.task().subject(),
                        current.asOf().plusDays(retention.task().dueInDays()), reason));
            }
        }

        if (expansion != null && expansionEligible(current, renewalDate, level)
                && !(previous != null && expansionEligible(previous, renewalDate, level))) {
            fired.add(new Trigger(Rule.EXPANSION, Action.CAMPAIGN, expansion.campaign(), null,
                    "healthy with score " + current.score() + " ≥ " + expansion.minScore() + ", renewal in "
                            + daysUntil(current, renewalDate) + " days, upgrade " + level + " → " + upgrades.get(level)));
        }

        if (renewalRiskChange != null && was != null && was != now
                && renewalWithin(current, renewalDate, renewalRiskChange.renewalWithinDays())) {
            fired.add(new Trigger(Rule.RENEWAL_RISK_CHANGE, Action.EVENT, renewalRiskChange.event(), null,
                    "band " + was.label() + " → " + now.label() + " with the renewal in " + daysUntil(current, renewalDate) + " days"));
        }
        return List.copyOf(fired);
    }

    /** Healthy, score high enough, an upgrade to offer, and the renewal near, as of {@code result}'s day. */
    private boolean expansionEligible(HealthResult result, LocalDate renewalDate, MembershipLevel level) {
        return result.band() == Band.HEALTHY
                && result.score() >= expansion.minScore()
                && level != null && upgrades.containsKey(level)
                && renewalWithin(result, renewalDate, expansion.renewalWithinDays());
    }

    private static boolean renewalWithin(HealthResult result, LocalDate renewalDate, int days) {
        if (renewalDate == null) {
            return false;
        }
        long until = daysUntil(result, renewalDate);
        return until >= 0 && until <= days;
    }

    private static long daysUntil(HealthResult result, LocalDate date) {
        return ChronoUnit.DAYS.between(result.asOf(), date);
    }
}
