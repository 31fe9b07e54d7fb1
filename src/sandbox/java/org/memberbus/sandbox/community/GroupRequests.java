package org.memberbus.sandbox.community;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests that wait for someone else's answer, as on Higher Logic (a "Request to Join" community's
 * queue; a member's proposal of a new community) and Salesforce Chatter's group membership requests
 * ({@code status} Pending, then Accepted or Declined with a {@code responseMessage}): a member's
 * request to join a group, and a member's request that a new group be created (Pending, then
 * Approved or Declined). A request is decided once; the same decision again changes nothing (an
 * integration may repeat its call), a different one is refused (409).
 */
class GroupRequests {

    record JoinRequest(String id, String group, String accountId, String status, String responseMessage,
                       Instant createdAt, Instant decidedAt) {}

    record CreationRequest(String id, String name, String title, String description, String requestedBy,
                           String status, String responseMessage, Instant createdAt, Instant decidedAt) {}

    /** An answer to a request: {@code status} and, for a refusal, the message the member sees. */
    record Decision(String status, String responseMessage) {}

    static final String PENDING = "Pending";
    static final Set<String> JOIN_ANSWERS = Set.of("Accepted", "Declined");
    static final Set<String> CREATION_ANSWERS = Set.of("Approved", "Declined");

    private final Map<String, JoinRequest> joins = new ConcurrentSkipListMap<>();
    private final Map<String, CreationRequest> creations = new ConcurrentSkipListMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    /** The member's pending request for this group, if one is waiting. */
    synchronized JoinRequest pendingJoin(String group, String accountId) {
        return joins.values().stream()
                .filter(r -> r.group().equals(group) && r.accountId().equals(accountId) && r.status().equals(PENDING))
                .findFirst().orElse(null);
    }

    synchronized JoinRequest askToJoin(String group, String accountId, Instant at) {
        var request = new JoinRequest("gjr_" + String.format("%06d", sequence.incrementAndGet()), group, accountId,
                PENDING, null, at, null);
        joins.put(request.id(), request);
        return request;
    }

    synchronized CreationRequest askToCreate(String name, String title, String description, String accountId, Instant at) {
        boolean taken = creations.values().stream().anyMatch(r -> r.name().equals(name) && !r.status().equals("Declined"));
        if (taken) {
            throw ApiException.conflict("name", "a group named " + name + " is already requested");
        }
        var request = new CreationRequest("grq_" + String.format("%06d", sequence.incrementAndGet()), name, title,
                description, accountId, PENDING, null, at, null);
        creations.put(request.id(), request);
        return request;
    }

    JoinRequest join(String id) {
        var request = joins.get(id);
        if (request == null) {
            throw ApiException.notFound("group join request " + id);
        }
        return request;
    }

    CreationRequest creation(String id) {
        var request = creations.get(id);
        if (request == null) {
            throw ApiException.notFound("group request " + id);
        }
        return request;
    }

    /** Decides a join request; answers the request and whether this call changed it. */
    synchronized Map.Entry<JoinRequest, Boolean> decideJoin(String id, Decision decision, Instant at) {
        check(decision, JOIN_ANSWERS);
        var request = join(id);
        if (request.status().equals(decision.status())) {
            return Map.entry(request, false);
        }
        if (!request.status().equals(PENDING)) {
            throw ApiException.conflict("status", "request " + id + " is already " + request.status());
        }
        var decided = new JoinRequest(id, request.group(), request.accountId(), decision.status(),
                decision.responseMessage(), request.createdAt(), at);
        joins.put(id, decided);
        return Map.entry(decided, true);
    }

    synchronized Map.Entry<CreationRequest, Boolean> decideCreation(String id, Decision decision, Instant at) {
        check(decision, CREATION_ANSWERS);
        var request = creation(id);
        if (request.status().equals(decision.status())) {
            return Map.entry(request, false);
        }
        if (!request.status().equals(PENDING)) {
            throw ApiException.conflict("status", "request " + id + " is already " + request.status());
        }
        var decided = new CreationRequest(id, request.name(), request.title(), request.description(),
                request.requestedBy(), decision.status(), decision.responseMessage(), request.createdAt(), at);
        creations.put(id, decided);
        return Map.entry(decided, true);
    }

    private static void check(Decision decision, Set<String> answers) {
        if (decision == null || decision.status() == null || !answers.contains(decision.status())) {
            throw ApiException.badRequest("status", "must be one of " + answers.stream().sorted().toList());
        }
        if (decision.responseMessage() != null && decision.responseMessage().length() > 756) {
            throw ApiException.badRequest("responseMessage", "must be at most 756 characters");
        }
    }

    List<JoinRequest> joins(String group, String accountId, String status) {
        return joins.values().stream()
                .filter(r -> group == null || r.group().equals(group))
                .filter(r -> accountId == null || r.accountId().equals(accountId))
                .filter(r -> status == null || r.status().equals(status))
                .sorted(Comparator.comparing(JoinRequest::id))
                .toList();
    }

    List<CreationRequest> creations(String status) {
        return creations.values().stream()
                .filter(r -> status == null || r.status().equals(status))
                .sorted(Comparator.comparing(CreationRequest::id))
                .toList();
    }
}
