package org.memberbus.sandbox.demo;

/** Where a demo member's membership stands (the sandbox's own copy, see {@link Grade}). */
public enum Standing {
    PENDING, ACTIVE, LAPSED, ARCHIVED
}
