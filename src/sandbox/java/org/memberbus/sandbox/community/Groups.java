package org.memberbus.sandbox.community;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Community groups and who belongs to them. A group the platform's staff or an integration defined
 * ({@link #define}) has a title, a description, a join policy (open, or "request": a member asks and
 * an admin or the association's system accepts, as Higher Logic's "Request to Join" communities) and
 * an admin; an interest group members simply joined exists while it has members.
 */
class Groups {

    record Membership(String group, String accountId, Instant joinedAt, String role) {}

    record Summary(String name, int members) {}

    /** A defined group: {@code joinPolicy} open or request; {@code admin} an account id. */
    record Group(String name, String title, String description, String joinPolicy, String admin, String crmGroupId,
                 Instant createdAt, Instant updatedAt, int members) {}

    /** What an integration or the platform's staff set on a group (PUT /api/v1/groups/{name}). */
    record Definition(String title, String description, String joinPolicy, String admin, String crmGroupId) {}

    record Defined(Group group, boolean created) {}

    static final java.util.Set<String> JOIN_POLICIES = java.util.Set.of("open", "request");
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");

    private final Map<String, Map<String, Instant>> members = new ConcurrentSkipListMap<>();
    private final Map<String, Group> defined = new ConcurrentHashMap<>();

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
        return joined == null ? null : new Membership(group, accountId, joined, roleOf(group, accountId));
    }

    private String roleOf(String group, String accountId) {
        var def = defined.get(group);
        return def != null && accountId.equals(def.admin()) ? "admin" : "member";
    }

    /**
     * Creates or updates a group (a state set: the same definition again changes nothing); its
     * admin becomes a member. A slug name (lowercase letters, digits, dashes), as the group's URL.
     */
    synchronized Defined define(String name, Definition def, Instant at) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name", "group name must be 1 to 80 lowercase letters, digits or dashes");
        }
        if (def.title() == null || def.title().isBlank() || def.title().length() > 120) {
            throw ApiException.badRequest("title", "is required, at most 120 characters");
        }
        if (def.description() != null && def.description().length() > 2000) {
            throw ApiException.badRequest("description", "must be at most 2000 characters");
        }
        var policy = def.joinPolicy() == null ? "open" : def.joinPolicy();
        if (!JOIN_POLICIES.contains(policy)) {
            throw ApiException.badRequest("joinPolicy", "must be open or request");
        }
        var before = defined.get(name);
        var group = new Group(name, def.title(), def.description(), policy, def.admin(), def.crmGroupId(),
                before == null ? at : before.createdAt(), at, 0);
        if (before != null && sameDefinition(before, group)) {
            return new Defined(info(name), false);
        }
        defined.put(name, group);
        if (def.admin() != null) {
            join(name, def.admin(), at);
        }
        return new Defined(info(name), before == null);
    }

    private static boolean sameDefinition(Group a, Group b) {
        return java.util.Objects.equals(a.title(), b.title()) && java.util.Objects.equals(a.description(), b.description())
                && a.joinPolicy().equals(b.joinPolicy()) && java.util.Objects.equals(a.admin(), b.admin())
                && java.util.Objects.equals(a.crmGroupId(), b.crmGroupId());
    }

    /** A group as the API shows it (an interest group nobody defined: open, titled by its name). */
    Group info(String name) {
        var def = defined.get(name);
        int count = members.getOrDefault(name, Map.of()).size();
        if (def == null) {
            if (count == 0) {
                throw ApiException.notFound("group " + name);
            }
            return new Group(name, name, null, "open", null, null, null, null, count);
        }
        return new Group(def.name(), def.title(), def.description(), def.joinPolicy(), def.admin(), def.crmGroupId(),
                def.createdAt(), def.updatedAt(), count);
    }

    /** True when a member must ask to join (and an admin or the association's system accepts). */
    boolean joinByRequest(String name) {
        var def = defined.get(name);
        return def != null && def.joinPolicy().equals("request");
    }

    boolean exists(String name) {
        return defined.containsKey(name) || !members.getOrDefault(name, Map.of()).isEmpty();
    }

    List<Membership> of(String accountId) {
        return members.entrySet().stream()
                .filter(e -> e.getValue().containsKey(accountId))
                .map(e -> new Membership(e.getKey(), accountId, e.getValue().get(accountId), roleOf(e.getKey(), accountId)))
                .toList();
    }

    List<Membership> members(String group) {
        return members.getOrDefault(group, Map.of()).entrySet().stream()
                .map(e -> new Membership(group, e.getKey(), e.getValue(), roleOf(group, e.getKey())))
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
