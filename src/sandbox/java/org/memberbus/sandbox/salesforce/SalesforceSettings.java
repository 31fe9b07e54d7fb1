package org.memberbus.sandbox.salesforce;

import java.time.Duration;

/**
 * The simulated org's settings, read from {@code sandbox.salesforce.*} properties: the demo
 * credentials of its connected app and integration user, its limits and retention.
 */
record SalesforceSettings(String clientId, String clientSecret, String username, String password,
                          String refreshToken, Duration sessionLifetime, int dailyApiMax, int queryPageSize,
                          Duration streamingTimeout, Duration eventRetention, int eventRetentionMax,
                          boolean seedDemoData) {

    /** The org's id, as the identity URL and access tokens carry it. */
    static final String ORG_ID = "00DDM0000000001AAA";
    /** The integration user, who owns what the bus creates. */
    static final String INTEGRATION_USER_ID = "005DM0000000000AAA";
}
