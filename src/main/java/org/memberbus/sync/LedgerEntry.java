package org.memberbus.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A record's entry in the sync ledger across systems, as the API shows it: the last agreed values
 * (canonical names), each system's id, last version and when it was last seen, and the latest
 * decisions, newest first.
 */
public record LedgerEntry(
        String objectType,
        String recordId,
        Map<String, Object> agreed,
        Instant agreedAt,
        List<SystemEntry> systems,
        List<DecisionRow> recentDecisions) {}
