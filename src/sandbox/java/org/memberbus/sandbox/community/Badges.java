package org.memberbus.sandbox.community;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Certification badges shown on member profiles. One badge per account and program: awarding a
 * program the member already holds (a renewal) updates its dates instead of adding a second.
 */
class Badges {

    record Badge(String id, String accountId, String program, String crmCertificationId, LocalDate awardedDate,
                 LocalDate expirationDate, String certificateUrl, Instant createdAt, Instant updatedAt) {}

    record Award(String program, String crmCertificationId, LocalDate awardedDate, LocalDate expirationDate,
                 String certificateUrl) {}

    record Awarded(Badge badge, boolean created) {}

    private final Map<String, Map<String, Badge>> byAccount = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    synchronized Awarded award(String accountId, Award award, Instant at) {
        if (award.program() == null || award.program().isBlank()) {
            throw ApiException.badRequest("program", "is required");
        }
        if (award.awardedDate() == null) {
            throw ApiException.badRequest("awardedDate", "is required");
        }
        if (award.expirationDate() != null && award.expirationDate().isBefore(award.awardedDate())) {
            throw ApiException.badRequest("expirationDate", "must not be before awardedDate");
        }
        if (award.certificateUrl() != null && !award.certificateUrl().matches("^https?://\\S+$")) {
            throw ApiException.badRequest("certificateUrl", "must be an http(s) URL");
        }
        var badges = byAccount.computeIfAbsent(accountId, a -> new ConcurrentHashMap<>());
        var existing = badges.get(award.program());
        var badge = new Badge(existing != null ? existing.id() : "bdg_" + String.format("%06d", sequence.incrementAndGet()),
                accountId, award.program(), award.crmCertificationId(), award.awardedDate(), award.expirationDate(),
                award.certificateUrl(), existing != null ? existing.createdAt() : at, at);
        badges.put(award.program(), badge);
        return new Awarded(badge, existing == null);
    }

    boolean revoke(String accountId, String badgeId) {
        var badges = byAccount.get(accountId);
        return badges != null && badges.values().removeIf(b -> b.id().equals(badgeId));
    }

    List<Badge> of(String accountId) {
        return byAccount.getOrDefault(accountId, Map.of()).values().stream()
                .sorted(Comparator.comparing(Badge::id))
                .toList();
    }
}
