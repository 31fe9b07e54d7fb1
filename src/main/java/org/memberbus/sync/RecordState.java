package org.memberbus.sync;

import java.util.Map;

/** What a merge reads from the ledger: the agreed values (the base) and each system's side. */
record RecordState(String objectType, String recordId, Map<String, Object> agreed, Map<String, SystemEntry> systems) {

    /** The last version seen from {@code system}, or null when none was. */
    String lastVersion(String system) {
        var entry = systems.get(system);
        return entry == null ? null : entry.lastVersion();
    }
}
