package org.memberbus.sandbox.salesforce;

import java.time.LocalDate;

/**
 * The org's daily API request counter (the DailyApiRequests limit): every REST call counts,
 * logins and streaming do not. It starts again each day (UTC) or when a test resets it.
 */
final class ApiUsage {

    private LocalDate day = SalesforceTime.today();
    private long used;
    // what the calls were (a sandbox aid, like Event Monitoring's API events): "GET query",
    // "PATCH composite/sobjects/Exam_Attempt__c", "PATCH sobjects/Certification__c", ...
    private final java.util.Map<String, Long> byKind = new java.util.TreeMap<>();

    /** Counts one call if the allowance has room; false means REQUEST_LIMIT_EXCEEDED. */
    synchronized boolean tryCount(long max, String kind) {
        rollOver();
        if (used >= max) {
            return false;
        }
        used++;
        byKind.merge(kind, 1L, Long::sum);
        return true;
    }

    /** A call's kind: its method and resource, without the API version or record ids. */
    static String kind(String method, String path) {
        var rest = path.replaceFirst("^/services/data/v[0-9.]+/", "").split("/");
        int keep = rest[0].equals("composite") ? 3 : 2;
        return method + " " + String.join("/", java.util.Arrays.copyOf(rest, Math.min(keep, rest.length)));
    }

    synchronized java.util.Map<String, Long> byKind() {
        rollOver();
        return new java.util.TreeMap<>(byKind);
    }

    synchronized long used() {
        rollOver();
        return used;
    }

    synchronized void reset() {
        used = 0;
        byKind.clear();
    }

    private void rollOver() {
        var today = SalesforceTime.today();
        if (!today.equals(day)) {
            day = today;
            used = 0;
            byKind.clear();
        }
    }
}
