package org.memberbus.sandbox.community;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The envelope of every activity webhook, as the bus's {@code CommunityEvent} reads it:
 * {@code account.crmContactId} is null for a person the CRM does not know yet.
 */
record WebhookEvent(String id, String type, Instant created, AccountRef account, Map<String, Object> data) {

    static final String APPLICATION_SUBMITTED = "membership.application_submitted";
    static final String PROFILE_UPDATED = "member.profile_updated";
    static final String REGISTRATION_CREATED = "event.registration_created";
    static final String CHECKED_IN = "event.checked_in";
    static final String POST_CREATED = "post.created";
    static final String GROUP_JOINED = "group.joined";
    static final String GROUP_LEFT = "group.left";
    static final String CONTENT_VIEWED = "content.viewed";
    static final String CERTIFICATION_APPLICATION_SUBMITTED = "certification.application_submitted";
    // the applicant supplied documents to a certification application (CertificationApplicationsController)
    static final String CERTIFICATION_APPLICATION_UPDATED = "certification.application_updated";

    static final List<String> TYPES = List.of(APPLICATION_SUBMITTED, PROFILE_UPDATED, REGISTRATION_CREATED,
            CHECKED_IN, POST_CREATED, GROUP_JOINED, CONTENT_VIEWED, CERTIFICATION_APPLICATION_SUBMITTED, GROUP_LEFT);

    /** The moderators' actions (ModerationController), not members' activity: subscribable, not performable. */
    static final List<String> MODERATION_TYPES = List.of("moderation.warning", "moderation.removal", "moderation.ban",
            "moderation.unban");

    /** Members' requests waiting for an answer (GroupsController): subscribable, not performable as activity. */
    static final List<String> GROUP_REQUEST_TYPES = List.of("group.join_requested", "group.creation_requested");

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AccountRef(String id, String crmContactId) {}
}
