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

    record CertificationApplication(String id, String accountId, String crmContactId, String program,
                                    Map<String, Object> details, String status, Instant submittedAt) {}

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
                account.id(), account.crmContactId(), program, details, "SUBMITTED", at);
        certifications.put(application.id(), application);
        return application;
    }

    Optional<MembershipApplication> membership(String id) {
        return Optional.ofNullable(memberships.get(id));
    }

    Optional<CertificationApplication> certification(String id) {
        return Optional.ofNullable(certifications.get(id));
    }
}
