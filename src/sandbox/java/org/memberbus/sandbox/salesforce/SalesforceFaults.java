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
}
