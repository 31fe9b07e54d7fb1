package org.memberbus.sandbox.community;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Applications members submit on the portal: to join the association, or for a certification. */
class Applications {

    /** What a person fills in on the membership application form. */
    record MembershipForm(String firstName, String lastName, String email, AccountLevel level, String employer,
                          String phone, String city, String country) {}

    record MembershipApplication(String id, String accountId, String firstName, String lastName, String email,
                                 AccountLevel level, String employer, String phone, String city, String country,
                                 String status, Instant submittedAt) {}

    /**
     * A certification application: its documents, its status in review (SUBMITTED, UNDER_REVIEW,
     * INFO_REQUESTED with the reviewer's message, APPROVED, REJECTED) as the association's
     * integration sets it, and the exam appointment once one is booked.
     */
    record CertificationApplication(String id, String accountId, String crmContactId, String program,
                                    Map<String, Object> details, String status, Instant submittedAt,
                                    java.util.List<String> documents, String message, Instant updatedAt,
                                    Map<String, Object> appointment) {}

    static final java.util.List<String> CERTIFICATION_STATUSES = java.util.List.of("SUBMITTED", "UNDER_REVIEW",
            "INFO_REQUESTED", "APPROVED", "REJECTED");

    private final Map<String, MembershipApplication> memberships = new ConcurrentHashMap<>();
    private final Map<String, CertificationApplication> certifications = new ConcurrentHashMap<>();
    private final AtomicInteger lastMembership = new AtomicInteger();
    private final AtomicInteger lastCertification = new AtomicInteger();

    MembershipApplication submit(MembershipForm form, String accountId, Instant at) {
        var application = new MembershipApplication("app_" + String.format("%06d", lastMembership.incrementAndGet()),
                accountId, form.firstName(), form.lastName(), form.email(), form.level(), form.employer(),
                form.phone(), form.city(), form.country(), "SUBMITTED", at);
        memberships.put(application.id(), application);
        return application;
    }

    CertificationApplication submit(Account account, String program, Map<String, Object> details, Instant at) {
        var application = new CertificationApplication("capp_" + String.format("%06d", lastCertification.incrementAndGet()),
                account.id(), account.crmContactId(), program, details, "SUBMITTED", at, documents(details.get("documents")),
                null, at, null);
        certifications.put(application.id(), application);
        return application;
    }

    private static java.util.List<String> documents(Object value) {
        return value instanceof java.util.List<?> list ? list.stream().map(String::valueOf).toList() : java.util.List.of();
    }

    /** The review's status (and message, and the exam appointment once booked) set by the association's integration. */
    synchronized CertificationApplication review(String id, String status, String message,
                                                 Map<String, Object> appointment, Instant at) {
        var a = certification(id).orElseThrow(() -> ApiException.notFound("certification application " + id));
        if (status == null || !CERTIFICATION_STATUSES.contains(status)) {
            throw ApiException.badRequest("status", "must be one of " + CERTIFICATION_STATUSES);
        }
        var updated = new CertificationApplication(a.id(), a.accountId(), a.crmContactId(), a.program(), a.details(),
                status, a.submittedAt(), a.documents(), message, at, appointment != null ? appointment : a.appointment());
        certifications.put(id, updated);
        return updated;
    }

    /** The applicant adds documents (uploaded on the portal); kept in the order given, each once. */
    synchronized CertificationApplication supply(String id, java.util.List<String> added, Instant at) {
        var a = certification(id).orElseThrow(() -> ApiException.notFound("certification application " + id));
        if (added == null || added.isEmpty() || added.stream().anyMatch(d -> d == null || d.isBlank())) {
            throw ApiException.badRequest("documents", "is required: the names of the uploaded documents");
        }
        var all = new java.util.ArrayList<>(a.documents());
        added.stream().filter(d -> !all.contains(d)).forEach(all::add);
        var updated = new CertificationApplication(a.id(), a.accountId(), a.crmContactId(), a.program(), a.details(),
                a.status(), a.submittedAt(), java.util.List.copyOf(all), a.message(), at, a.appointment());
        certifications.put(id, updated);
        return updated;
    }

    Optional<MembershipApplication> membership(String id) {
        return Optional.ofNullable(memberships.get(id));
    }

    Optional<CertificationApplication> certification(String id) {
        return Optional.ofNullable(certifications.get(id));
    }
}
