package org.memberbus.sandbox.salesforce;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Record ids in Salesforce's 18-character form: a 3-character key prefix naming the type, then
 * the record part. The demo data uses {@code <prefix>DM<10 digits>AAA}; records created in the
 * simulator get {@code <prefix>SB<10 digits>AAA}, so both are told apart at a glance.
 */
final class SalesforceIds {

    private final AtomicLong sequence = new AtomicLong();

    String next(String keyPrefix) {
        return keyPrefix + "SB" + String.format("%010d", sequence.incrementAndGet()) + "AAA";
    }

    /**
     * Salesforce accepts the 15-character form too. Every id here ends in "AAA", so the
     * 18-character form of a 15-character id is known without the checksum.
     */
    static String normalize(String id) {
        if (id != null && id.length() == 15) {
            return id + "AAA";
        }
        return id;
    }

    static boolean looksLikeId(String value) {
        return value != null && (value.length() == 15 || value.length() == 18) && value.matches("[A-Za-z0-9]+");
    }
}
