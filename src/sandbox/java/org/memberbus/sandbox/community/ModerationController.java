package org.memberbus.sandbox.community;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The moderators' side of the portal (Higher Logic's moderation queue): a warning, the removal of
 * a post, a ban (the account is suspended, with a reason and an end date) or its lifting. Each
 * emits its webhook ({@code moderation.warning}, {@code moderation.removal}, {@code moderation.ban},
 * {@code moderation.unban}) so the association's systems record it. Integrations suspend through
 * {@code POST /api/v1/accounts/{id}/suspension} instead, which emits nothing.
 */
@RestController
@RequestMapping("/api/v1/moderation")
class ModerationController {

    static final List<String> ACTIONS = List.of("warning", "removal", "ban", "unban");

    record ModerationRequest(String accountId, String action, String reason, LocalDate until, String postId,
                             String moderator) {}

    private final Accounts accounts;
    private final WebhookDispatcher webhooks;
    private final ObjectMapper json;
    private final Clock clock;

    ModerationController(Accounts accounts, WebhookDispatcher webhooks, ObjectMapper json, Clock clock) {
        this.accounts = accounts;
        this.webhooks = webhooks;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/actions")
    ResponseEntity<MemberActivity.Outcome> act(@RequestBody ModerationRequest request) {
        if (request.accountId() == null || request.accountId().isBlank()) {
            throw ApiException.badRequest("accountId", "is required");
        }
        if (request.action() == null || !ACTIONS.contains(request.action())) {
            throw ApiException.badRequest("action", "must be one of " + ACTIONS);
        }
        if (!request.action().equals("unban") && (request.reason() == null || request.reason().isBlank())) {
            throw ApiException.badRequest("reason", "is required");
        }
        if (request.reason() != null && request.reason().length() > 500) {
            throw ApiException.badRequest("reason", "must be at most 500 characters");
        }
        if (request.until() != null && request.until().isBefore(LocalDate.now(clock))) {
            throw ApiException.badRequest("until", "must not be in the past");
        }
        var account = accounts.get(request.accountId());
        if (request.action().equals("ban")) {
            var suspension = new Account.Suspension(request.reason(), clock.instant(), request.until());
            var fields = (ObjectNode) json.createObjectNode().set("suspension", json.valueToTree(suspension));
            account = accounts.apply(account.id(), fields, Set.of("suspension"), null).after();
        } else if (request.action().equals("unban")) {
            if (!account.suspended()) {
                return ResponseEntity.ok(new MemberActivity.Outcome(null, account));
            }
            account = accounts.apply(account.id(), json.createObjectNode().putNull("suspension"), Set.of("suspension"),
                    null).after();
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("actionId", "mod_" + UUID.randomUUID().toString().substring(0, 8));
        data.put("action", request.action());
        data.put("reason", request.reason());
        data.put("until", request.until() == null ? null : request.until().toString());
        data.put("postId", request.postId());
        data.put("moderator", request.moderator() == null ? "moderator" : request.moderator());
        var event = webhooks.publish("moderation." + request.action(), account, data);
        return ResponseEntity.status(HttpStatus.CREATED).body(new MemberActivity.Outcome(event, account));
    }
}
