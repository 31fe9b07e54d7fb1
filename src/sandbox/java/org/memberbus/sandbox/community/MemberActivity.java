package org.memberbus.sandbox.community;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What members do on the portal, as their browser would cause it: each action changes the
 * platform's state and emits the matching activity webhook. Changes made by integrations
 * through the REST API never come through here, so they are never echoed back as webhooks.
 */
class MemberActivity {

    /** The outcome of an action: the webhook it emitted (null if nothing changed) and what it touched. */
    record Outcome(WebhookEvent event, Object result) {}

    private final Accounts accounts;
    private final Events events;
    private final Groups groups;
    private final Applications applications;
    private final WebhookDispatcher webhooks;
    private final PermissionCheck permissions;
    private final ObjectMapper json;
    private final Clock clock;

    MemberActivity(Accounts accounts, Events events, Groups groups, Applications applications,
                   WebhookDispatcher webhooks, PermissionCheck permissions, ObjectMapper json, Clock clock) {
        this.accounts = accounts;
        this.events = events;
        this.groups = groups;
        this.applications = applications;
        this.webhooks = webhooks;
        this.permissions = permissions;
        this.json = json;
        this.clock = clock;
    }

    Outcome perform(String type, String accountId, ObjectNode data) {
        if (type == null || !WebhookEvent.TYPES.contains(type) || WebhookEvent.APPLICATION_SUBMITTED.equals(type)) {
            throw ApiException.badRequest("type", "unknown activity type '" + type + "'; known: "
                    + WebhookEvent.TYPES.stream().filter(t -> !t.equals(WebhookEvent.APPLICATION_SUBMITTED)).toList()
                    + " (a membership application is POST /api/v1/applications)");
        }
        if (accountId == null || accountId.isBlank()) {
            throw ApiException.badRequest("accountId", "is required");
        }
        accounts.get(accountId);
        var input = data != null ? data : json.createObjectNode();
        accounts.engage(accountId, e -> e.seen(clock.instant()));
        return switch (type) {
            case WebhookEvent.PROFILE_UPDATED -> updateProfile(accountId, input);
            case WebhookEvent.REGISTRATION_CREATED -> register(accountId, input);
            case WebhookEvent.CHECKED_IN -> checkIn(accountId, input);
            case WebhookEvent.POST_CREATED -> post(accountId, input);
            case WebhookEvent.GROUP_JOINED -> joinGroup(accountId, input);
            case WebhookEvent.GROUP_LEFT -> leaveGroup(accountId, input);
            case WebhookEvent.CONTENT_VIEWED -> viewContent(accountId, input);
            default -> applyForCertification(accountId, input);
        };
    }

    /**
     * A new person's membership application. A person who already has an account (a lapsed
     * member coming back) applies with it; anyone else gets a pending account with no access.
     */
    Outcome apply(Applications.MembershipForm form) {
        required("firstName", form.firstName());
        required("lastName", form.lastName());
        required("email", form.email());
        if (form.level() == null) {
            throw ApiException.badRequest("level", "is required (STUDENT, ASSOCIATE, PROFESSIONAL or FELLOW)");
        }
        var account = accounts.findByEmail(form.email()).orElse(null);
        if (account == null) {
            var fields = json.createObjectNode();
            fields.put("firstName", form.firstName());
            fields.put("lastName", form.lastName());
            fields.put("email", form.email());
            fields.put("phone", form.phone());
            fields.put("employer", form.employer());
            fields.put("city", form.city());
            fields.put("country", form.country());
            fields.put("level", form.level().name());
            fields.put("membershipStatus", AccountStatus.PENDING.name());
            fields.put("accessLevel", Access.NONE.name());
            account = accounts.create(fields);
        }
        var application = applications.submit(form, account.id(), clock.instant());
        var data = new LinkedHashMap<String, Object>();
        data.put("applicationId", application.id());
        data.put("firstName", form.firstName());
        data.put("lastName", form.lastName());
        data.put("email", form.email());
        data.put("level", form.level().name());
        data.put("employer", form.employer());
        data.put("phone", form.phone());
        data.put("city", form.city());
        data.put("country", form.country());
        return new Outcome(webhooks.publish(WebhookEvent.APPLICATION_SUBMITTED, account, data), application);
    }

    private Outcome updateProfile(String accountId, ObjectNode changes) {
        if (changes.isEmpty()) {
            throw ApiException.badRequest("data", "name at least one profile field to change");
        }
        var change = accounts.apply(accountId, changes, Account.MEMBER_FIELDS, null);
        if (change.isEmpty()) {
            return new Outcome(null, change.after());
        }
        var data = new LinkedHashMap<String, Object>(change.changed());
        data.put("version", change.after().version());
        return new Outcome(webhooks.publish(WebhookEvent.PROFILE_UPDATED, change.after(), data), change.after());
    }

    private Outcome register(String accountId, ObjectNode input) {
        var account = accounts.get(accountId);
        var registration = events.register(text(input, "eventId"), account, clock.instant());
        var data = new LinkedHashMap<String, Object>();
        data.put("registrationId", registration.id());
        data.put("eventId", registration.eventId());
        data.put("crmEventId", registration.crmEventId());
        data.put("status", registration.status().name());
        data.put("price", registration.price());
        return new Outcome(webhooks.publish(WebhookEvent.REGISTRATION_CREATED, account, data), registration);
    }

    private Outcome checkIn(String accountId, ObjectNode input) {
        var registration = events.checkIn(text(input, "eventId"), accountId, clock.instant());
        var account = accounts.engage(accountId, Account.Engagement::attended);
        var event = events.get(registration.eventId());
        var data = new LinkedHashMap<String, Object>();
        data.put("registrationId", registration.id());
        data.put("eventId", registration.eventId());
        data.put("crmEventId", registration.crmEventId());
        data.put("checkedInAt", registration.checkedInAt());
        data.put("ceuCredits", event.ceuCredits());
        return new Outcome(webhooks.publish(WebhookEvent.CHECKED_IN, account, data), registration);
    }

    /**
     * Posting in a forum ({@code data.forum}, default general): the association decides when its
     * permission service is configured; else member access and no suspension, as the portal
     * enforces by itself.
     */
    private Outcome post(String accountId, ObjectNode input) {
        var account = accounts.get(accountId);
        var title = text(input, "title");
        var forum = input.path("forum").asText("general");
        if (permissions.decides(account)) {
            permissions.require(account, "post", "forum/" + forum);
        } else {
            if (account.suspended()) {
                throw new ApiException(403, "account is suspended: " + account.suspension().reason(), null);
            }
            if (account.accessLevel() != Access.MEMBER && account.accessLevel() != Access.PREMIUM) {
                throw new ApiException(403, "posting needs MEMBER or PREMIUM access", null);
            }
        }
        account = accounts.engage(accountId, Account.Engagement::posted);
        var data = passThrough(input);
        data.put("postId", "post_" + UUID.randomUUID().toString().substring(0, 8));
        data.put("title", title);
        return new Outcome(webhooks.publish(WebhookEvent.POST_CREATED, account, data), data);
    }

    private Outcome joinGroup(String accountId, ObjectNode input) {
        var group = text(input, "group");
        var at = clock.instant();
        if (groups.joinByRequest(group)) {
            throw ApiException.conflict("group", "group " + group + " takes join requests: POST /api/v1/groups/"
                    + group + "/join-requests");
        }
        if (!groups.join(group, accountId, at)) {
            throw ApiException.conflict("group", "account already belongs to this group");
        }
        var membership = groups.membership(group, accountId);
        var data = new LinkedHashMap<String, Object>();
        data.put("group", group);
        data.put("joinedAt", membership.joinedAt());
        return new Outcome(webhooks.publish(WebhookEvent.GROUP_JOINED, accounts.get(accountId), data), membership);
    }

    /** Opening a content item: the association decides whether it is served, when its permission service is configured. */
    /** The member leaves a group (an admin cannot: the group would have none). */
    private Outcome leaveGroup(String accountId, ObjectNode input) {
        var group = text(input, "group");
        var membership = groups.membership(group, accountId);
        if (membership == null) {
            throw ApiException.conflict("group", "account does not belong to group " + group);
        }
        if ("admin".equals(membership.role())) {
            throw ApiException.conflict("group", "the group's admin cannot leave it");
        }
        groups.leave(group, accountId);
        var data = new LinkedHashMap<String, Object>();
        data.put("group", group);
        data.put("leftAt", clock.instant());
        return new Outcome(webhooks.publish(WebhookEvent.GROUP_LEFT, accounts.get(accountId), data), membership);
    }

    private Outcome viewContent(String accountId, ObjectNode input) {
        var contentId = text(input, "contentId");
        var viewer = accounts.get(accountId);
        if (permissions.decides(viewer)) {
            permissions.require(viewer, "view", "content/" + contentId);
        }
        var account = accounts.engage(accountId, Account.Engagement::viewed);
        var data = passThrough(input);
        data.put("contentId", contentId);
        data.put("viewedAt", clock.instant());
        return new Outcome(webhooks.publish(WebhookEvent.CONTENT_VIEWED, account, data), data);
    }

    private Outcome applyForCertification(String accountId, ObjectNode input) {
        var program = text(input, "program");
        var account = accounts.get(accountId);
        var details = passThrough(input);
        var application = applications.submit(account, program, details, clock.instant());
        var data = new LinkedHashMap<String, Object>(details);
        data.put("applicationId", application.id());
        data.put("program", program);
        return new Outcome(webhooks.publish(WebhookEvent.CERTIFICATION_APPLICATION_SUBMITTED, account, data), application);
    }

    private static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field, "is required");
        }
    }

    private static String text(ObjectNode input, String field) {
        JsonNode value = input.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ApiException.badRequest("data." + field, "is required");
        }
        return value.asText();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> passThrough(ObjectNode input) {
        return new LinkedHashMap<String, Object>(json.convertValue(input, Map.class));
    }
}
