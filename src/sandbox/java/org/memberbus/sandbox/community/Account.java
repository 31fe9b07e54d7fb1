package org.memberbus.sandbox.community;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * A member's account on the community platform. The membership fields mirror what the CRM says;
 * {@code bio}, {@code avatarUrl} and {@code communicationPreferences} are the community's own.
 * {@code version} grows with every change to the profile or membership, so a writer can tell
 * whether it saw the latest state.
 */
@JsonIgnoreProperties(value = "suspended", allowGetters = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
record Account(
        String id,
        String crmContactId,
        String memberNumber,
        String firstName,
        String lastName,
        String email,
        String phone,
        String employer,
        String city,
        String country,
        AccountStatus membershipStatus,
        LocalDate membershipEndDate,
        AccountLevel level,
        Access accessLevel,
        Suspension suspension,
        String bio,
        String avatarUrl,
        CommunicationPreferences communicationPreferences,
        Engagement engagement,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** What a member may change about themselves (through the portal, i.e. {@code POST /activity}). */
    static final Set<String> MEMBER_FIELDS = Set.of("firstName", "lastName", "email", "phone", "employer", "city",
            "country", "bio", "avatarUrl", "communicationPreferences");

    /** What an integration may set with {@code POST}/{@code PATCH /accounts}: the member's fields and the membership. */
    static final Set<String> INTEGRATION_FIELDS = Set.of("crmContactId", "memberNumber", "firstName", "lastName",
            "email", "phone", "employer", "city", "country", "membershipStatus", "membershipEndDate", "level",
            "accessLevel", "bio", "avatarUrl", "communicationPreferences");

    record Suspension(String reason, Instant since, LocalDate until) {}

    record CommunicationPreferences(boolean email, boolean sms, boolean newsletter) {
        static final CommunicationPreferences DEFAULT = new CommunicationPreferences(true, false, true);
    }

    /** The platform's view of how active the member is; counters, not part of the versioned profile. */
    record Engagement(Instant lastLoginAt, int postsLast90Days, int contentViewsLast90Days,
                      int eventsAttendedLast12Months) {

        static final Engagement NONE = new Engagement(null, 0, 0, 0);

        Engagement posted() {
            return new Engagement(lastLoginAt, postsLast90Days + 1, contentViewsLast90Days, eventsAttendedLast12Months);
        }

        Engagement viewed() {
            return new Engagement(lastLoginAt, postsLast90Days, contentViewsLast90Days + 1, eventsAttendedLast12Months);
        }

        Engagement attended() {
            return new Engagement(lastLoginAt, postsLast90Days, contentViewsLast90Days, eventsAttendedLast12Months + 1);
        }

        Engagement seen(Instant at) {
            return new Engagement(at, postsLast90Days, contentViewsLast90Days, eventsAttendedLast12Months);
        }
    }

    @JsonProperty
    boolean suspended() {
        return suspension != null;
    }

    /** This account as the next version, changed at {@code at}. */
    Account revised(Instant at) {
        return new Account(id, crmContactId, memberNumber, firstName, lastName, email, phone, employer, city, country,
                membershipStatus, membershipEndDate, level, accessLevel, suspension, bio, avatarUrl,
                communicationPreferences, engagement, version + 1, createdAt, at);
    }

    Account withEngagement(Engagement next) {
        return new Account(id, crmContactId, memberNumber, firstName, lastName, email, phone, employer, city, country,
                membershipStatus, membershipEndDate, level, accessLevel, suspension, bio, avatarUrl,
                communicationPreferences, next, version, createdAt, updatedAt);
    }
}
