package org.memberbus.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.memberbus.infra.PoisonMessageException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Post-event surveys answered on the community (its webhook {@code event.survey_completed}): kept
 * for the person's registration at that event (the latest answers win, by submission time), so the
 * CEU rule can ask for a completed survey, and written to the CRM's Event_Registration__c.
 */
@Component("eventSurveys")
public class EventSurveys {

    /** A survey kept for a registration, and what the CRM's registration should hold of it. */
    public record Answered(String registrationKey, String contactId, Map<String, Object> crmRecord) {}

    private static final int MAX_ANSWERS_TEXT = 32_000;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    EventSurveys(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The community's webhook event (raw JSON): the survey kept for the person's registration, or
     * null when they hold no registration at that event (nothing to write; logged by the route).
     */
    public Answered completed(String webhook) throws JsonProcessingException {
        var root = json.readTree(webhook);
        var contactId = root.path("account").path("crmContactId").asText("");
        var data = root.path("data");
        var crmEventId = data.path("crmEventId").asText("");
        var surveyId = data.path("surveyId").asText("");
        if (contactId.isEmpty() || crmEventId.isEmpty() || surveyId.isEmpty() || !data.path("answers").isObject()) {
            throw new PoisonMessageException("survey webhook " + root.path("id").asText() + " names no member, CRM event, survey or answers");
        }
        Instant submitted;
        try {
            submitted = Instant.parse(data.path("submittedAt").asText(root.path("created").asText()));
        } catch (DateTimeParseException e) {
            throw new PoisonMessageException("survey webhook " + root.path("id").asText() + " has no valid submittedAt");
        }
        var keys = jdbc.queryForList("""
                select registration_key from event_registration where crm_event_id = ? and contact_id = ?
                 and status = 'Registered' order by created_at limit 1""", String.class, crmEventId, contactId);
        if (keys.isEmpty()) {
            return null;
        }
        var answers = json.writeValueAsString(data.path("answers"));
        jdbc.update("""
                insert into event_survey (registration_key, crm_event_id, contact_id, survey_id, answers, submitted_at)
                values (?, ?, ?, ?, ?::jsonb, ?)
                on conflict (registration_key) do update set survey_id = excluded.survey_id, answers = excluded.answers,
                    submitted_at = excluded.submitted_at, recorded_at = now()
                 where event_survey.submitted_at <= excluded.submitted_at""",
                keys.get(0), crmEventId, contactId, surveyId, answers, Timestamp.from(submitted));
        var kept = jdbc.queryForMap("select answers::text as answers, submitted_at from event_survey where registration_key = ?", keys.get(0));
        var record = new LinkedHashMap<String, Object>();
        record.put("Survey_Completed__c", true);
        record.put("Survey_Completed_At__c", ((Timestamp) kept.get("submitted_at")).toInstant().toString());
        var text = kept.get("answers").toString();
        record.put("Survey_Answers__c", text.length() > MAX_ANSWERS_TEXT ? text.substring(0, MAX_ANSWERS_TEXT) : text);
        return new Answered(keys.get(0), contactId, record);
    }

    public boolean completedFor(String registrationKey) {
        return !jdbc.queryForList("select 1 from event_survey where registration_key = ?", Integer.class, registrationKey).isEmpty();
    }
}
