package org.memberbus.member.join;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.memberbus.member.MembershipLevel;

/**
 * What completing a join writes, computed from the join and the prices in force: the CRM Contact's
 * fields (CRM names; upserted by {@code memberNumber}, the external id, or, for a former member
 * coming back, updated by their {@code existingContactId}), the membership's period and dues.
 * {@code problem} is set instead when the join must not create a member (e.g. the amount paid is
 * not the level's dues): the route records it and stops.
 */
public record JoinPlan(String applicationId, String communityAccountId, String existingContactId, String memberNumber,
                       MembershipLevel level,
                       String email, String firstName, LocalDate startDate, LocalDate endDate, BigDecimal dues,
                       String paymentIntentId, Map<String, Object> contactFields, String problem) {

    static JoinPlan refused(JoinRequest join, String problem) {
        return new JoinPlan(join.applicationId(), join.communityAccountId(), null, join.memberNumber(), null,
                join.contactEmail(), join.applicantField("firstName"), join.startDate(), null, null,
                join.paymentIntentId(), Map.of(), problem);
    }

    /** A former member coming back: their CRM Contact is continued, not made anew. */
    public boolean returning() {
        return existingContactId != null;
    }

    public boolean refused() {
        return problem != null;
    }
}
