package org.memberbus.sandbox.community;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The member's side of the portal, for tests and demos to drive as a browser would: each call
 * changes the platform and emits the activity webhook (201), or emits nothing when nothing
 * changed (200, {@code event: null}).
 */
@RestController
@RequestMapping("/api/v1")
class ActivityController {

    record ActivityRequest(String type, String accountId, ObjectNode data) {}

    private final MemberActivity activity;
    private final Applications applications;

    ActivityController(MemberActivity activity, Applications applications) {
        this.activity = activity;
        this.applications = applications;
    }

    @PostMapping("/activity")
    ResponseEntity<MemberActivity.Outcome> perform(@RequestBody ActivityRequest request) {
        return answer(activity.perform(request.type(), request.accountId(), request.data()));
    }

    @PostMapping("/applications")
    ResponseEntity<MemberActivity.Outcome> apply(@RequestBody Applications.MembershipForm form) {
        return answer(activity.apply(form));
    }

    @GetMapping("/applications/{id}")
    Applications.MembershipApplication application(@PathVariable String id) {
        return applications.membership(id).orElseThrow(() -> ApiException.notFound("application " + id));
    }

    @GetMapping("/certification-applications/{id}")
    Applications.CertificationApplication certificationApplication(@PathVariable String id) {
        return applications.certification(id).orElseThrow(() -> ApiException.notFound("certification application " + id));
    }

    private static ResponseEntity<MemberActivity.Outcome> answer(MemberActivity.Outcome outcome) {
        return ResponseEntity.status(outcome.event() != null ? HttpStatus.CREATED : HttpStatus.OK).body(outcome);
    }
}
