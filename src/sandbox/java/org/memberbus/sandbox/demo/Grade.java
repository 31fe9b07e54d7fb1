package org.memberbus.sandbox.demo;

/**
 * The association's membership grades as the demo world holds them. The sandbox's own copy, not
 * the bus's model: a simulator that borrowed the bus's classes would agree with it by construction.
 */
public enum Grade {
    STUDENT, ASSOCIATE, PROFESSIONAL, FELLOW
}
