package org.memberbus.member;

/** What the community platform lets an account see; always derived from the CRM's membership. */
public enum AccessLevel {
    /** public pages only */
    NONE,
    /** lapsed members: profile and renewal, no member content */
    RESTRICTED,
    MEMBER,
    /** fellows and certified members: member content plus premium resources */
    PREMIUM
}
