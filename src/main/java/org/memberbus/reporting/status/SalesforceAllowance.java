package org.memberbus.reporting.status;

import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The org's daily API allowance as Salesforce's {@code /limits} last said it
 * ({@code DailyApiRequests}): read by route {@code salesforce-limits-refresh} every few minutes,
 * so a status page viewed a hundred times a day costs no call of its own.
 */
@Component("salesforceAllowance")
public class SalesforceAllowance {

    record Reading(long max, long remaining, Instant readAt) {
        long used() {
            return max - remaining;
        }
    }

    private volatile Reading last;

    /** The {@code /limits} answer (unmarshalled JSON). */
    @SuppressWarnings("unchecked")
    public void remember(Map<String, Object> limits) {
        if (limits != null && limits.get("DailyApiRequests") instanceof Map<?, ?> daily
                && daily.get("Max") instanceof Number max && daily.get("Remaining") instanceof Number remaining) {
            last = new Reading(max.longValue(), remaining.longValue(), Instant.now());
        }
    }

    /** The last reading, or null before the first. */
    Reading last() {
        return last;
    }
}
