package org.memberbus.sync;

/** A system the bus keeps in step, and how its versions are ordered. */
record SyncSystem(String name, VersionOrder versions) {}
