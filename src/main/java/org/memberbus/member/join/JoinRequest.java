package org.memberbus.member.join;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One join as the bus holds it (table join_request): the application and the payment as far as
 * they arrived, and where the join stands ({@code open}, {@code completing}, {@code completed},
 * {@code rejected}). {@code completeNow} is true only for the event that made the pair whole (or
 * its redelivery): that one, and no other, applies the join to the partners. {@code crmContactId}
 * is the member's CRM Contact: known from the start for a former member coming back (their
 * community account is linked already), set on completion for a new one. {@code paymentPending}:
 * the payment is an ACH debit the bank has not settled yet.
 */
public record JoinRequest(String applicationId, String communityAccountId, String level, String email,
                          Map<String, Object> applicant, String paymentIntentId, Long paymentAmount,
                          String paymentCurrency, String paymentLevel, String gatewayCustomerId, Instant paidAt,
                          String payerEmail, int failedPayments, String lastFailure, String status,
                          String memberNumber, LocalDate startDate, String crmContactId, String problem,
                          boolean completeNow, boolean paymentPending) {

    public JoinRequest(String applicationId, String communityAccountId, String level, String email,
                       Map<String, Object> applicant, String paymentIntentId, Long paymentAmount, String paymentCurrency,
                       String paymentLevel, String gatewayCustomerId, Instant paidAt, String payerEmail,
                       int failedPayments, String lastFailure, String status, String memberNumber, LocalDate startDate,
                       String crmContactId, String problem, boolean completeNow) {
        this(applicationId, communityAccountId, level, email, applicant, paymentIntentId, paymentAmount, paymentCurrency,
                paymentLevel, gatewayCustomerId, paidAt, payerEmail, failedPayments, lastFailure, status, memberNumber,
                startDate, crmContactId, problem, completeNow, false);
    }

    public boolean hasApplication() {
        return level != null;
    }

    /** A former member coming back (until the join completes, only they have a CRM contact). */
    public boolean returning() {
        return crmContactId != null && !"completed".equals(status);
    }

    public boolean hasPayment() {
        return paymentIntentId != null;
    }

    /** The applicant's email: the application's, else the one the checkout gave the gateway. */
    public String contactEmail() {
        return email != null ? email : payerEmail;
    }

    public String applicantField(String name) {
        var value = applicant == null ? null : applicant.get(name);
        return value == null ? null : value.toString();
    }
}
