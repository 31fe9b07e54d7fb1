package org.memberbus.member.join;

import java.time.Instant;
import org.memberbus.member.MembershipLevel;

/**
 * A membership application as the community's {@code membership.application_submitted} webhook
 * carries it: the community account (pending, no access) and what the applicant filled in.
 * {@code crmContactId} is set when the account belongs to a former member coming back: the join
 * then continues their CRM Contact instead of making a new one.
 */
public record JoinApplication(String eventId, String applicationId, String accountId, String crmContactId,
                              MembershipLevel level,
                              String email, String firstName, String lastName, String phone, String employer,
                              String city, String country, Instant submittedAt) {}
