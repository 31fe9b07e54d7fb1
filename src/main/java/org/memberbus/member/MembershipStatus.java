package org.memberbus.member;

/** Where a membership stands in the CRM, which owns it. */
public enum MembershipStatus {
    /** applied, payment not yet confirmed */
    PENDING,
    ACTIVE,
    /** past its end date; access restricted, reactivation campaign running */
    LAPSED,
    /** lapsed past the grace period */
    ARCHIVED
}
