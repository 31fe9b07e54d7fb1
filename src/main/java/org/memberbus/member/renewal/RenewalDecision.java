package org.memberbus.member.renewal;

import java.time.LocalDate;

/**
 * What a renewal payment does to a membership, decided once and stored before the CRM is
 * written: the CRM gets these absolute dates, so writing them again changes nothing.
 *
 * @param reactivated the membership had lapsed (or was archived): a new term starts today
 */
public record RenewalDecision(String paymentId, String contactId, String membershipId, String previousStatus,
                              LocalDate previousEnd, LocalDate newStart, LocalDate newEnd, boolean reactivated,
                              String email, String firstName) {}
