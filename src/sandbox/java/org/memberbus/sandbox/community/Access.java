package org.memberbus.sandbox.community;

/**
 * What the community platform lets an account see. The platform's own rule for an account created
 * without an explicit access level: fellows see premium content, other active members member
 * content, lapsed members a restricted view, everyone else public pages only. Kept here rather than
 * borrowed from the bus, so a mistake in the bus's rule shows up as a disagreement in the tests.
 */
enum Access {
    NONE, RESTRICTED, MEMBER, PREMIUM;

    static Access forMembership(AccountStatus status, AccountLevel level) {
        if (status == null) {
            return NONE;
        }
        return switch (status) {
            case ACTIVE -> level == AccountLevel.FELLOW ? PREMIUM : MEMBER;
            case LAPSED -> RESTRICTED;
            case PENDING, ARCHIVED -> NONE;
        };
    }
}
