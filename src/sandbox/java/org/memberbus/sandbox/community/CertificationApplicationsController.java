package org.memberbus.sandbox.community;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Certification applications after they are submitted. The association's integration sets the
 * review's status, the message the applicant sees and the exam appointment once booked ({@code PATCH},
 * as an integration: no webhook);
 * the applicant adds documents on the portal ({@code POST .../documents}, as the browser would:
 * the {@code certification.application_updated} webhook with the application's whole document list).
 */
@RestController
@RequestMapping("/api/v1/certification-applications")
class CertificationApplicationsController {

    /** {@code appointment}: the exam sitting booked for the applicant (id, scheduledAt, location), shown to them. */
    record Review(String status, String message, java.util.Map<String, Object> appointment) {}

    record Documents(List<String> documents) {}

    private final Applications applications;
    private final Accounts accounts;
    private final WebhookDispatcher webhooks;
    private final Clock clock;

    CertificationApplicationsController(Applications applications, Accounts accounts, WebhookDispatcher webhooks,
                                        Clock clock) {
        this.applications = applications;
        this.accounts = accounts;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @PatchMapping("/{id}")
    Applications.CertificationApplication review(@PathVariable String id, @RequestBody Review review) {
        return applications.review(id, review.status(), review.message(), review.appointment(), clock.instant());
    }

    @PostMapping("/{id}/documents")
    MemberActivity.Outcome supply(@PathVariable String id, @RequestBody Documents documents) {
        var application = applications.supply(id, documents.documents(), clock.instant());
        var data = new LinkedHashMap<String, Object>();
        data.put("applicationId", application.id());
        data.put("program", application.program());
        data.put("documents", application.documents());
        data.put("added", documents.documents());
        var account = accounts.get(application.accountId());
        return new MemberActivity.Outcome(webhooks.publish(WebhookEvent.CERTIFICATION_APPLICATION_UPDATED, account, data),
                application);
    }
}
