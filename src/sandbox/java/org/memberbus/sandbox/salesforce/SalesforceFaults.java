package org.memberbus.sandbox.salesforce;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What tests switch at run time through {@code /__sandbox/faults}: injected faults (latency,
 * random 500/503 answers, REQUEST_LIMIT_EXCEEDED for the next n calls or until cleared) and the
 * org's knobs (session lifetime, query page size, daily API allowance).
 */
final class SalesforceFaults {

    private final SalesforceSettings settings;
    private volatile long latencyMs;
    private volatile double errorRate;
    private volatile boolean rateLimit;
    private int rateLimitNext;
    private volatile long sessionLifetimeSeconds;
    private volatile int queryPageSize;
    private volatile int dailyApiMax;
    // Bulk API 2.0 query jobs: how long a job waits to be taken up and takes to run, the rows of a
    // result set when the client names no maxRecords, and how many of the next jobs fail
    private volatile long bulkQueueMs;
    private volatile long bulkProcessingMs;
    private volatile int bulkResultSetSize;
    private int bulkJobFailNext;

    SalesforceFaults(SalesforceSettings settings) {
        this.settings = settings;
        clear();
    }

    synchronized void clear() {
        latencyMs = 0;
        errorRate = 0;
        rateLimit = false;
        rateLimitNext = 0;
        sessionLifetimeSeconds = settings.sessionLifetime().toSeconds();
        queryPageSize = settings.queryPageSize();
        dailyApiMax = settings.dailyApiMax();
        bulkQueueMs = 200;
        bulkProcessingMs = 300;
        bulkResultSetSize = 50_000;
        bulkJobFailNext = 0;
    }

    /** Applies the settings present in {@code update}; unknown keys are refused. */
    synchronized void apply(Map<String, Object> update) {
        for (var entry : update.entrySet()) {
            var value = entry.getValue();
            switch (entry.getKey()) {
                case "latencyMs" -> latencyMs = number(value).longValue();
                case "errorRate" -> errorRate = number(value).doubleValue();
                case "rateLimit" -> rateLimit = Boolean.TRUE.equals(value);
                case "rateLimitNext" -> rateLimitNext = number(value).intValue();
                case "sessionLifetimeSeconds" -> sessionLifetimeSeconds = number(value).longValue();
                case "queryPageSize" -> queryPageSize = Math.max(1, number(value).intValue());
                case "dailyApiMax" -> dailyApiMax = number(value).intValue();
                case "bulkQueueMs" -> bulkQueueMs = Math.max(0, number(value).longValue());
                case "bulkProcessingMs" -> bulkProcessingMs = Math.max(0, number(value).longValue());
                case "bulkResultSetSize" -> bulkResultSetSize = Math.max(1, number(value).intValue());
                case "bulkJobFailNext" -> bulkJobFailNext = number(value).intValue();
                case "expireSessions" -> { } // an action, handled by the controller
                default -> throw new IllegalArgumentException("unknown setting: " + entry.getKey());
            }
        }
    }

    private static Number number(Object value) {
        if (value instanceof Number n) {
            return n;
        }
        return Double.valueOf(String.valueOf(value));
    }

    synchronized Map<String, Object> describe() {
        var view = new LinkedHashMap<String, Object>();
        view.put("latencyMs", latencyMs);
        view.put("errorRate", errorRate);
        view.put("rateLimit", rateLimit);
        view.put("rateLimitNext", rateLimitNext);
        view.put("sessionLifetimeSeconds", sessionLifetimeSeconds);
        view.put("queryPageSize", queryPageSize);
        view.put("dailyApiMax", dailyApiMax);
        view.put("bulkQueueMs", bulkQueueMs);
        view.put("bulkProcessingMs", bulkProcessingMs);
        view.put("bulkResultSetSize", bulkResultSetSize);
        view.put("bulkJobFailNext", bulkJobFailNext);
        return view;
    }

    long latencyMs() {
        return latencyMs;
    }

    /** True when this call is to fail with a server error (errorRate). */
    boolean failNow() {
        return errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate;
    }

    /** True when this call is to be refused as over the API limit; counts down rateLimitNext. */
    synchronized boolean rateLimitNow() {
        if (rateLimit) {
            return true;
        }
        if (rateLimitNext > 0) {
            rateLimitNext--;
            return true;
        }
        return false;
    }

    long sessionLifetimeSeconds() {
        return sessionLifetimeSeconds;
    }

    int queryPageSize() {
        return queryPageSize;
    }

    int dailyApiMax() {
        return dailyApiMax;
    }

    long bulkQueueMs() {
        return bulkQueueMs;
    }

    long bulkProcessingMs() {
        return bulkProcessingMs;
    }

    int bulkResultSetSize() {
        return bulkResultSetSize;
    }

    /** True when this Bulk API 2.0 query job is to fail; counts down bulkJobFailNext. */
    synchronized boolean bulkJobFailsNow() {
        if (bulkJobFailNext > 0) {
            bulkJobFailNext--;
            return true;
        }
        return false;
    }
}
