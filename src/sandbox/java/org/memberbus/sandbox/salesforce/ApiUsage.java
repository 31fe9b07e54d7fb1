package org.memberbus.sandbox.salesforce;

import java.time.LocalDate;

/**
 * The org's daily API request counter (the DailyApiRequests limit): every REST call counts,
 * logins and streaming do not. It starts again each day (UTC) or when a test resets it.
 */
final class ApiUsage {

    private LocalDate day = SalesforceTime.today();
    private long used;

    /** Counts one call if the allowance has room; false means REQUEST_LIMIT_EXCEEDED. */
    synchronized boolean tryCount(long max) {
        rollOver();
        if (used >= max) {
            return false;
        }
        used++;
        return true;
    }

    synchronized long used() {
        rollOver();
        return used;
    }

    synchronized void reset() {
        used = 0;
    }

    private void rollOver() {
        var today = SalesforceTime.today();
        if (!today.equals(day)) {
            day = today;
            used = 0;
        }
    }
}
