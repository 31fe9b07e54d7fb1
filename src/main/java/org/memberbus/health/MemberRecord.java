package org.memberbus.health;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A member as the health flow first learns of them (backfill, first sight, a CRM create): the
 * columns of member_signals. Null means "not known", never "clear it".
 */
public record MemberRecord(
        String memberId,
        String memberNumber,
        String email,
        String ownerId,
        String communityId,
        String gatewayCustomerId,
        String membershipStatus,
        String membershipLevel,
        LocalDate memberSince,
        LocalDate renewalDate,
        Double ceEarned,
        Double ceRequired,
        Instant lastSeenAt,
        Integer duesOnTime) {}
