package org.memberbus.reporting.warehouse;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** One ETL run in progress: what it read and wrote per table, and the Salesforce calls it made. */
public final class EtlRun {

    /** What one run did to one table. */
    public static final class TableCounts {
        long read;
        long written;
        long deleted;
        long changes;
        /**
         * How the CRM object was read: "rest" (query pages), "bulk" (a Bulk API 2.0 query job) or
         * "none" (its count found nothing changed); null for local loads.
         */
        String extract;
        String bulkJob;

        public Map<String, Object> toMap() {
            var m = new LinkedHashMap<String, Object>();
            if (extract != null) {
                m.put("extract", extract);
            }
            if (bulkJob != null) {
                m.put("bulkJob", bulkJob);
            }
            m.put("read", read);
            m.put("written", written);
            m.put("markedDeleted", deleted);
            m.put("trackedChanges", changes);
            return m;
        }
    }

    final long id;
    final boolean full;
    final String trigger;
    final Instant startedAt = Instant.now();
    final Map<String, TableCounts> tables = new LinkedHashMap<>();
    /** Ids read per CRM object in a full run: the rest of its table is gone from the CRM. */
    final Map<String, Set<String>> seen = new LinkedHashMap<>();
    /** When each object's first query went out: the watermark stays the commit lag behind it. */
    final Map<String, Instant> queryStarted = new LinkedHashMap<>();
    int salesforceCalls;
    Map<String, Object> limits = Map.of();
    /** Bulk API 2.0 query jobs this run created, and the day's allowance of them from /limits. */
    int bulkJobs;
    Map<String, Object> bulkLimits = Map.of();
    /** The newest SystemModstamp a bulk read saw per object: its sets come unordered, so the watermark moves at its end. */
    final Map<String, Instant> bulkNewest = new LinkedHashMap<>();
    /** Status polls of the bulk job under way, and when it was created. */
    int bulkPolls;
    Instant bulkCreated;

    EtlRun(long id, boolean full, String trigger) {
        this.id = id;
        this.full = full;
        this.trigger = trigger;
    }

    TableCounts table(String table) {
        return tables.computeIfAbsent(table, t -> new TableCounts());
    }

    Set<String> seen(String object) {
        return seen.computeIfAbsent(object, o -> new HashSet<>());
    }

    public long id() {
        return id;
    }

    public String mode() {
        return full ? "full" : "incremental";
    }
}
