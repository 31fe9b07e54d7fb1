package org.memberbus.member;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** The member's account on the community platform; its access level follows the CRM status. */
public record CommunityAccount(@NotBlank String communityId, @NotNull AccessLevel accessLevel, boolean suspended) {

    /** The access the community must grant for a membership in this state. */
    public static AccessLevel accessFor(Membership membership) {
        if (membership == null) {
            return AccessLevel.NONE;
        }
        return switch (membership.status()) {
            case ACTIVE -> membership.level() == MembershipLevel.FELLOW ? AccessLevel.PREMIUM : AccessLevel.MEMBER;
            case LAPSED -> AccessLevel.RESTRICTED;
            case PENDING, ARCHIVED -> AccessLevel.NONE;
        };
    }
}
