package org.memberbus.health;

import java.time.LocalDate;
import java.util.List;
import org.memberbus.member.MembershipLevel;

/**
 * How ready a member is for an upgrade (GET /api/v1/cs-sales/expansion/{member_id}): readiness
 * 0-100 with the evidence behind it, and the level an upgrade would offer (null at the top, when
 * {@code ready} is always false).
 */
public record ExpansionReadiness(
        String memberId,
        LocalDate asOf,
        int readiness,
        boolean ready,
        MembershipLevel level,
        MembershipLevel upgradeTo,
        List<Evidence> evidence,
        String modelVersion) {}
