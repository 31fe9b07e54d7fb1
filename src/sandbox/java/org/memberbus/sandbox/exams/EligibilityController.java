package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Candidates and exam authorizations ({@link Eligibility}): {@code PUT} registers or updates under
 * the client's own id (201 created, 200 already there), {@code GET} reads, {@code DELETE} withdraws
 * an authorization.
 */
@RestController
@RequestMapping("/api/v1")
class EligibilityController {

    private final Eligibility eligibility;

    EligibilityController(Eligibility eligibility) {
        this.eligibility = eligibility;
    }

    @PutMapping("/candidates/{clientCandidateId}")
    ResponseEntity<Eligibility.RegisteredCandidate> putCandidate(@PathVariable String clientCandidateId,
                                                                 @RequestBody(required = false) JsonNode body) {
        var saved = eligibility.putCandidate(clientCandidateId, body);
        return ResponseEntity.status(saved.created() ? 201 : 200).body(saved.value());
    }

    @GetMapping("/candidates/{clientCandidateId}")
    Eligibility.RegisteredCandidate candidate(@PathVariable String clientCandidateId) {
        return eligibility.candidate(clientCandidateId).orElseThrow(() -> ApiException.notFound("candidate", clientCandidateId));
    }

    @PutMapping("/authorizations/{clientAuthorizationId}")
    ResponseEntity<Map<String, Object>> putAuthorization(@PathVariable String clientAuthorizationId,
                                                         @RequestBody(required = false) JsonNode body) {
        var saved = eligibility.putAuthorization(clientAuthorizationId, body);
        return ResponseEntity.status(saved.created() ? 201 : 200).body(view(saved.value()));
    }

    @GetMapping("/authorizations/{clientAuthorizationId}")
    Map<String, Object> authorization(@PathVariable String clientAuthorizationId) {
        return view(eligibility.authorization(clientAuthorizationId)
                .orElseThrow(() -> ApiException.notFound("authorization", clientAuthorizationId)));
    }

    @GetMapping("/authorizations")
    Map<String, List<Map<String, Object>>> authorizations(@RequestParam(required = false) String clientCandidateId) {
        return Map.of("data", eligibility.authorizations(clientCandidateId).stream().map(this::view).toList());
    }

    @DeleteMapping("/authorizations/{clientAuthorizationId}")
    Map<String, Object> delete(@PathVariable String clientAuthorizationId) {
        return view(eligibility.delete(clientAuthorizationId));
    }

    private Map<String, Object> view(Eligibility.Authorization a) {
        var view = new LinkedHashMap<String, Object>();
        view.put("clientAuthorizationId", a.clientAuthorizationId());
        view.put("authorizationId", a.authorizationId());
        view.put("clientCandidateId", a.clientCandidateId());
        view.put("examCode", a.examCode());
        view.put("examAuthorizationCount", a.examAuthorizationCount());
        view.put("eligibilityApptDateFirst", a.eligibilityApptDateFirst().toString());
        view.put("eligibilityApptDateLast", a.eligibilityApptDateLast().toString());
        if (a.applicationId() != null) {
            view.put("applicationId", a.applicationId());
        }
        view.put("appointmentsUsed", a.appointmentsUsed());
        view.put("status", a.status(eligibility.today()));
        view.put("createdAt", a.createdAt().toString());
        view.put("updatedAt", a.updatedAt().toString());
        return view;
    }
}
