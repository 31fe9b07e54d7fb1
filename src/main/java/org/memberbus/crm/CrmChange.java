package org.memberbus.crm;

import java.util.Map;

/**
 * One record's change in the CRM, from a Change Data Capture event: which record, what kind of
 * change, when it was committed, and the changed fields with their new values.
 */
public record CrmChange(long replayId, String entityName, String changeType, String recordId,
                        long commitTimestamp, String changeOrigin, Map<String, Object> fields) {

    /** The source id the bus de-duplicates on: a replay id can carry several records. */
    public String eventId() {
        return "crm:" + replayId + ":" + recordId;
    }

    /** The change's version for the sync ledger (commit time in epoch milliseconds, ISO form). */
    public String version() {
        return java.time.Instant.ofEpochMilli(commitTimestamp).toString();
    }
}
