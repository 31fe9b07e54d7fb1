package org.memberbus.sandbox.community;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A member answers an event's post-event survey on the community: the answers are the member's, the
 * platform tells its subscribers with the webhook {@code event.survey_completed} (the event's page
 * id and CRM id, the answers). Answering again is another submission, as a survey form allows.
 */
@RestController
@RequestMapping("/api/v1/events")
class EventSurveysController {

    static final String SURVEY_COMPLETED = "event.survey_completed";

    record SurveyAnswers(String accountId, Map<String, Object> answers) {}

    private final Accounts accounts;
    private final Events events;
    private final WebhookDispatcher webhooks;
    private final Clock clock;

    EventSurveysController(Accounts accounts, Events events, WebhookDispatcher webhooks, Clock clock) {
        this.accounts = accounts;
        this.events = events;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @PostMapping("/{eventId}/surveys")
    ResponseEntity<Map<String, Object>> answer(@PathVariable String eventId, @RequestBody SurveyAnswers survey) {
        if (survey.accountId() == null || survey.accountId().isBlank()) {
            throw ApiException.badRequest("accountId", "is required");
        }
        if (survey.answers() == null || survey.answers().isEmpty()) {
            throw ApiException.badRequest("answers", "at least one answer is required");
        }
        var event = events.get(eventId);
        var account = accounts.get(survey.accountId());
        var data = new LinkedHashMap<String, Object>();
        data.put("surveyId", "srv_" + UUID.randomUUID().toString().substring(0, 12));
        data.put("eventId", event.id());
        data.put("crmEventId", event.crmEventId());
        data.put("answers", survey.answers());
        data.put("submittedAt", clock.instant().toString());
        var published = webhooks.publish(SURVEY_COMPLETED, account, data);
        var answer = new LinkedHashMap<String, Object>(data);
        answer.put("webhookEventId", published.id());
        return ResponseEntity.status(201).body(answer);
    }
}
