package org.memberbus.sync;

import java.time.Instant;

/** A logged decision, as the API lists it; values as text (JSON for anything but strings). */
public record DecisionRow(
        long id,
        String objectType,
        String recordId,
        String field,
        String system,
        String version,
        String oldValue,
        String newValue,
        String baseValue,
        String decision,
        String rule,
        String reason,
        Instant decidedAt) {}
