package org.memberbus.health;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.memberbus.member.MembershipLevel;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * The active members whose membership ends in a period, each with the chance that it renews, as
 * the renewal-risk API computes it (health now, renewal history, trend): what the finance
 * forecast (org.memberbus.finance.success) weights renewal revenue by. Reads only.
 */
@Component("renewalOutlook")
public class RenewalOutlook {

    /** One membership due: level and renewal date as the CRM last told the bus, the probability. */
    public record Due(String memberId, MembershipLevel level, LocalDate renewalDate, double probability,
                      String risk, int score, Band band, String playbook) {}

    private final MemberHealth health;
    private final HealthRepository repository;
    private final HealthFlowSettings settings;

    RenewalOutlook(MemberHealth health, HealthRepository repository, HealthFlowSettings settings) {
        this.health = health;
        this.repository = repository;
        this.settings = settings;
    }

    /** The risk band of a renewal probability, as GET /api/v1/cs-sales/renewal/risk answers it. */
    public static String risk(double probability) {
        return probability >= 0.8 ? "low" : probability >= 0.6 ? "medium" : "high";
    }

    /**
     * Active members whose renewal date lies in {@code from..to} (both included), of {@code level}
     * or every level when null, by renewal date then member id. A member without a level the bus
     * knows is left out (it cannot be priced).
     */
    public List<Due> due(LocalDate from, LocalDate to, MembershipLevel level) {
        var params = new MapSqlParameterSource("from", from).addValue("to", to);
        List<String> ids = repository.jdbc.queryForList("""
                select member_id from member_signals
                where membership_status = 'Active' and renewal_date between :from and :to
                order by renewal_date, member_id""", params, String.class);
        if (ids.isEmpty()) {
            return List.of();
        }
        LocalDate today = settings.today();
        List<Due> due = new ArrayList<>(ids.size());
        // in slices, so that an IN list stays a reasonable size for a year of renewals
        for (int i = 0; i < ids.size(); i += 500) {
            List<String> slice = ids.subList(i, Math.min(ids.size(), i + 500));
            Map<String, SignalInputs> inputs = repository.inputs(slice, today);
            Map<String, Integer> windowAgo = repository.scoresOnOrBefore(slice, today.minusDays(health.trendWindowDays()));
            for (String id : slice) {
                SignalInputs member = inputs.get(id);
                if (member == null || member.level() == null || (level != null && member.level() != level)) {
                    continue;
                }
                HealthResult result = health.score(member.snapshot(today, settings.zone()), windowAgo.get(id));
                RenewalRisk r = health.renewalRisk(result, member.renewalDate(), member.priorRenewals(), member.priorLapses());
                due.add(new Due(id, member.level(), member.renewalDate(), r.probability(), risk(r.probability()),
                        result.score(), result.band(), r.playbook()));
            }
        }
        return due;
    }
}
