package org.memberbus.sandbox.community;

/** The membership grade the community platform shows on an account (its own field, its own values). */
enum AccountLevel {
    STUDENT, ASSOCIATE, PROFESSIONAL, FELLOW
}
