package org.memberbus.member.renewal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run of a scheduled job changed, counted as it goes (the route's steps add to it,
 * also from inside a split) and reported at the end: logged, stored in {@code job_run}, and
 * answered to an operator who ran the job through the API.
 */
public final class JobReport {

    private final String job;
    private final Instant startedAt;
    private final Map<String, Long> counts = Collections.synchronizedMap(new LinkedHashMap<>());

    JobReport(String job, Instant startedAt, String... keys) {
        this.job = job;
        this.startedAt = startedAt;
        for (String key : keys) {
            counts.put(key, 0L);
        }
    }

    public String job() {
        return job;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The start, for a timestamp column. */
    public java.sql.Timestamp startedAtTimestamp() {
        return java.sql.Timestamp.from(startedAt);
    }

    public JobReport add(String key, long n) {
        counts.merge(key, n, Long::sum);
        return this;
    }

    public long count(String key) {
        return counts.getOrDefault(key, 0L);
    }

    /** The counts, in the order they were first named. */
    public Map<String, Long> counts() {
        synchronized (counts) {
            return new LinkedHashMap<>(counts);
        }
    }

    /** "lapsed=3 archived=1 ..." for the log line. */
    public String summary() {
        var text = new StringBuilder();
        counts().forEach((k, v) -> text.append(text.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return text.toString();
    }
}
