package org.memberbus.finance.events;

/**
 * What a person pays for a ticket and why: the amount (minor units), the rate applied (member or
 * non-member, early-bird or not), the membership status it was decided on, and whether the renewal
 * bundle is offered (a lapsed member pays the non-member rate unless they renew with the ticket).
 */
public record EventFee(String ticketType, long amount, String rate, boolean earlyBird, String membershipStatus,
                       boolean renewalBundleOffered, Long memberAmountWithRenewal) {}
