package org.memberbus.sandbox.community;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Gated content (articles, resources, webinars) an account has been granted beyond its access level. */
class ContentGrants {

    record Grant(String contentId, Instant grantedAt) {}

    private final Map<String, Map<String, Instant>> byAccount = new ConcurrentHashMap<>();

    /** Grants access; answers false if it was already granted. */
    boolean grant(String accountId, String contentId, Instant at) {
        if (contentId.isBlank() || contentId.length() > 120) {
            throw ApiException.badRequest("contentId", "must be 1 to 120 characters");
        }
        return byAccount.computeIfAbsent(accountId, a -> new ConcurrentHashMap<>()).putIfAbsent(contentId, at) == null;
    }

    boolean revoke(String accountId, String contentId) {
        var grants = byAccount.get(accountId);
        return grants != null && grants.remove(contentId) != null;
    }

    List<Grant> of(String accountId) {
        return byAccount.getOrDefault(accountId, Map.of()).entrySet().stream()
                .map(e -> new Grant(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Grant::contentId))
                .toList();
    }
}
