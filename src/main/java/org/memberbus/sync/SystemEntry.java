package org.memberbus.sync;

import java.time.Instant;

/** One system's side of a synchronised record: its id for the record, the last version seen, and when. */
public record SystemEntry(String system, String externalId, String lastVersion, Instant lastSeenAt) {}
