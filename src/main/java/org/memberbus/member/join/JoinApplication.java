package org.memberbus.member.join;

import java.time.Instant;
import org.memberbus.member.MembershipLevel;

/**
 * A membership application as the community's {@code membership.application_submitted} webhook
 * carries it: the community account (pending, no access) and what the applicant filled in.
 */
public record JoinApplication(String eventId, String applicationId, String accountId, MembershipLevel level,
                              String email, String firstName, String lastName, String phone, String employer,
                              String city, String country, Instant submittedAt) {}
