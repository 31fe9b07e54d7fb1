package org.memberbus.member.join;

import java.time.Instant;
import org.memberbus.member.MembershipLevel;

/**
 * A gateway event about the payment for a join: the payment intent the community's checkout made
 * with {@code metadata[purpose]=membership_join}. {@code amount} is in the currency's minor units
 * (cents), as the gateway counts; {@code failure} says why a declined payment was declined;
 * {@code pending}: an ACH debit submitted and granted, not yet settled by the bank.
 */
public record JoinPayment(String eventId, boolean succeeded, String applicationId, String accountId,
                          MembershipLevel level, String email, String paymentIntentId, long amount, String currency,
                          String customer, Instant at, String failure, boolean pending) {

    public JoinPayment(String eventId, boolean succeeded, String applicationId, String accountId, MembershipLevel level,
                       String email, String paymentIntentId, long amount, String currency, String customer, Instant at,
                       String failure) {
        this(eventId, succeeded, applicationId, accountId, level, email, paymentIntentId, amount, currency, customer, at,
                failure, false);
    }
}
