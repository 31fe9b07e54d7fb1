package org.memberbus.sandbox.community;

import java.time.Clock;
import java.util.LinkedHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Groups with join and creation requests. A member's side, driven as a browser would: asking to
 * join a group that takes requests ({@code group.join_requested} webhook), asking for a new group
 * ({@code group.creation_requested}). The association's side, through the API: defining a group
 * ({@code PUT /groups/{name}}, a state set), accepting or declining a join request (accepting adds
 * the member) and approving or declining a group request, Chatter-style ({@code PATCH} with
 * {@code status} and {@code responseMessage}). Integration calls emit no webhooks.
 */
@RestController
@RequestMapping("/api/v1")
class GroupsController {

    record JoinAsk(String accountId) {}

    record CreationAsk(String accountId, String name, String title, String description) {}

    private final Accounts accounts;
    private final Groups groups;
    private final GroupRequests requests;
    private final WebhookDispatcher webhooks;
    private final Clock clock;

    GroupsController(Accounts accounts, Groups groups, GroupRequests requests, WebhookDispatcher webhooks, Clock clock) {
        this.accounts = accounts;
        this.groups = groups;
        this.requests = requests;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    // ---- the member's side ----------------------------------------------------------------

    @PostMapping("/groups/{name}/join-requests")
    ResponseEntity<MemberActivity.Outcome> askToJoin(@PathVariable String name, @RequestBody JoinAsk ask) {
        if (ask.accountId() == null || ask.accountId().isBlank()) {
            throw ApiException.badRequest("accountId", "is required");
        }
        var account = accounts.get(ask.accountId());
        var group = groups.info(name);
        if (!groups.joinByRequest(name)) {
            throw ApiException.conflict("group", "group " + name + " is open: join it directly (activity group.joined)");
        }
        if (groups.membership(name, account.id()) != null) {
            throw ApiException.conflict("group", "account already belongs to this group");
        }
        var pending = requests.pendingJoin(name, account.id());
        if (pending != null) {
            return ResponseEntity.ok(new MemberActivity.Outcome(null, pending));
        }
        var request = requests.askToJoin(group.name(), account.id(), clock.instant());
        var data = new LinkedHashMap<String, Object>();
        data.put("requestId", request.id());
        data.put("group", request.group());
        data.put("groupTitle", group.title());
        var event = webhooks.publish("group.join_requested", account, data);
        return ResponseEntity.status(HttpStatus.CREATED).body(new MemberActivity.Outcome(event, request));
    }

    @PostMapping("/group-requests")
    ResponseEntity<MemberActivity.Outcome> askToCreate(@RequestBody CreationAsk ask) {
        if (ask.accountId() == null || ask.accountId().isBlank()) {
            throw ApiException.badRequest("accountId", "is required");
        }
        var account = accounts.get(ask.accountId());
        if (ask.name() == null || !ask.name().matches("[a-z0-9][a-z0-9-]{0,79}")) {
            throw ApiException.badRequest("name", "group name must be 1 to 80 lowercase letters, digits or dashes");
        }
        if (ask.title() == null || ask.title().isBlank() || ask.title().length() > 120) {
            throw ApiException.badRequest("title", "is required, at most 120 characters");
        }
        if (ask.description() != null && ask.description().length() > 2000) {
            throw ApiException.badRequest("description", "must be at most 2000 characters");
        }
        if (groups.exists(ask.name())) {
            throw ApiException.conflict("name", "a group named " + ask.name() + " exists");
        }
        var request = requests.askToCreate(ask.name(), ask.title(), ask.description(), account.id(), clock.instant());
        var data = new LinkedHashMap<String, Object>();
        data.put("requestId", request.id());
        data.put("name", request.name());
        data.put("title", request.title());
        data.put("description", request.description());
        var event = webhooks.publish("group.creation_requested", account, data);
        return ResponseEntity.status(HttpStatus.CREATED).body(new MemberActivity.Outcome(event, request));
    }

    // ---- the association's side -----------------------------------------------------------

    @GetMapping("/groups/{name}")
    Groups.Group group(@PathVariable String name) {
        return groups.info(name);
    }

    /** Creates (201) or updates (200) a group; the admin, an account, becomes its member. */
    @PutMapping("/groups/{name}")
    ResponseEntity<Groups.Group> define(@PathVariable String name, @RequestBody Groups.Definition definition) {
        if (definition.admin() != null) {
            accounts.get(definition.admin());
        }
        var defined = groups.define(name, definition, clock.instant());
        return ResponseEntity.status(defined.created() ? HttpStatus.CREATED : HttpStatus.OK).body(defined.group());
    }

    @GetMapping("/group-join-requests")
    Listing<GroupRequests.JoinRequest> joinRequests(@RequestParam(required = false) String group,
                                                    @RequestParam(required = false) String accountId,
                                                    @RequestParam(required = false) String status) {
        return new Listing<>(requests.joins(group, accountId, status));
    }

    @GetMapping("/group-join-requests/{id}")
    GroupRequests.JoinRequest joinRequest(@PathVariable String id) {
        return requests.join(id);
    }

    /** Accepted (the member joins) or Declined (with the message the member sees). */
    @PatchMapping("/group-join-requests/{id}")
    GroupRequests.JoinRequest decideJoin(@PathVariable String id, @RequestBody GroupRequests.Decision decision) {
        var decided = requests.decideJoin(id, decision, clock.instant());
        var request = decided.getKey();
        if (decided.getValue() && request.status().equals("Accepted")) {
            groups.join(request.group(), request.accountId(), clock.instant());
        }
        return request;
    }

    @GetMapping("/group-requests")
    Listing<GroupRequests.CreationRequest> creationRequests(@RequestParam(required = false) String status) {
        return new Listing<>(requests.creations(status));
    }

    @GetMapping("/group-requests/{id}")
    GroupRequests.CreationRequest creationRequest(@PathVariable String id) {
        return requests.creation(id);
    }

    /** Approved or Declined; an approved group is made with PUT /groups/{name} (its admin included). */
    @PatchMapping("/group-requests/{id}")
    GroupRequests.CreationRequest decideCreation(@PathVariable String id, @RequestBody GroupRequests.Decision decision) {
        return requests.decideCreation(id, decision, clock.instant()).getKey();
    }
}
