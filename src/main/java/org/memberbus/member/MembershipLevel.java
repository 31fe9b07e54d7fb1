package org.memberbus.member;

/** The association's membership grades, as the CRM names them. */
public enum MembershipLevel {
    STUDENT, ASSOCIATE, PROFESSIONAL, FELLOW
}
