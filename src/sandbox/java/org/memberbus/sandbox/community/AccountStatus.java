package org.memberbus.sandbox.community;

/** The membership status the community platform keeps on an account, as an integrator sets it. */
enum AccountStatus {
    PENDING, ACTIVE, LAPSED, ARCHIVED
}
