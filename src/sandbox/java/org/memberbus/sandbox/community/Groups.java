package org.memberbus.sandbox.community;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Community groups and who belongs to them. A group exists while it has members. */
class Groups {

    record Membership(String group, String accountId, Instant joinedAt) {}

    record Summary(String name, int members) {}

    private final Map<String, Map<String, Instant>> members = new ConcurrentSkipListMap<>();

    /** Adds the account; answers false if it already belonged. */
    boolean join(String group, String accountId, Instant at) {
        if (group == null || group.isBlank() || group.length() > 80) {
            throw ApiException.badRequest("group", "group name must be 1 to 80 characters");
        }
        return members.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).putIfAbsent(accountId, at) == null;
    }

    boolean leave(String group, String accountId) {
        var groupMembers = members.get(group);
        return groupMembers != null && groupMembers.remove(accountId) != null;
    }

    Membership membership(String group, String accountId) {
        var groupMembers = members.get(group);
        var joined = groupMembers == null ? null : groupMembers.get(accountId);
        return joined == null ? null : new Membership(group, accountId, joined);
    }

    List<Membership> of(String accountId) {
        return members.entrySet().stream()
                .filter(e -> e.getValue().containsKey(accountId))
                .map(e -> new Membership(e.getKey(), accountId, e.getValue().get(accountId)))
                .toList();
    }

    List<Membership> members(String group) {
        return members.getOrDefault(group, Map.of()).entrySet().stream()
                .map(e -> new Membership(group, e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Membership::accountId))
                .toList();
    }

    List<Summary> all() {
        return members.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> new Summary(e.getKey(), e.getValue().size()))
                .toList();
    }
}
