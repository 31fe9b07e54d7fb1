package org.memberbus.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * CEUs when an event closes: each registered person is decided by the event's rule
 * (config/ceu-rules.yaml) from what the bus recorded (check-ins; minutes and survey when known),
 * and the decision, awarded or not, is kept with the rule and the figures (event_ceu_decision).
 * A person is decided once; answers the new decisions for the route to write the awarded ones.
 */
@Component("ceuDecisions")
public class CeuDecisions {

    /** One decision; {@code credits} is 0 when not awarded. */
    public record Decision(String registrationKey, String crmEventId, String contactId, boolean awarded,
                           double credits, String rule, Map<String, Object> figures, String reason, String eventName) {

        /** The CE_Credit__c, upserted by Source_Key__c. */
        public Map<String, Object> crmRecord() {
            var record = new LinkedHashMap<String, Object>();
            record.put("Contact__c", contactId);
            record.put("Credits__c", credits);
            record.put("Source__c", ("Event: " + (eventName == null ? crmEventId : eventName)).substring(0,
                    Math.min(120, ("Event: " + (eventName == null ? crmEventId : eventName)).length())));
            record.put("Earned_Date__c", LocalDate.now(ZoneOffset.UTC).toString());
            return record;
        }

        public String sourceKey() {
            return "event:" + registrationKey;
        }

        public Map<String, Object> fact() {
            var fact = new LinkedHashMap<String, Object>();
            fact.put("type", "ceu.awarded");
            fact.put("crmContactId", contactId);
            fact.put("crmEventId", crmEventId);
            fact.put("registrationKey", registrationKey);
            fact.put("sourceKey", sourceKey());
            fact.put("credits", credits);
            fact.put("earnedOn", crmRecord().get("Earned_Date__c"));
            fact.put("rule", rule);
            return fact;
        }
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final CeuRules rules;
    private final EventCatalogue catalogue;
    private final EventSessions sessions;
    private final EventSurveys surveys;

    CeuDecisions(JdbcTemplate jdbc, ObjectMapper json, CeuRules rules, EventCatalogue catalogue, EventSessions sessions,
                 EventSurveys surveys) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.surveys = surveys;
        this.json = json;
        this.rules = rules;
        this.catalogue = catalogue;
    }

    /**
     * Decides everyone registered at the event not decided yet. A webinar is decided only once the
     * platform's participants report is in (its minutes), so a close in the CRM before the webinar's
     * report waits for it; the report's arrival decides it then.
     */
    public List<Decision> decide(String crmEventId) {
        var event = catalogue.find(crmEventId).orElse(null);
        if (event == null) {
            return List.of();
        }
        Integer webinarMinutes = null;
        if (event.webinar()) {
            var reports = jdbc.queryForList("""
                    select greatest(1, round(extract(epoch from (ended_at - started_at)) / 60))::int
                      from event_webinar where crm_event_id = ? and report_complete_at is not null""", Integer.class, crmEventId);
            if (reports.isEmpty()) {
                return List.of();
            }
            webinarMinutes = reports.get(0);
        }
        var rule = rules.forEvent(crmEventId);
        var eventSessions = sessions.of(crmEventId);
        var sessionCodes = eventSessions.stream().map(EventSessions.Session::code).toList();
        // the rule's required sessions that this event has (a rule may name sessions of several events)
        var requiredSessions = rule.requiredSessions().stream().filter(sessionCodes::contains).toList();
        boolean sessionCredits = eventSessions.stream().anyMatch(x -> x.ceuCredits().signum() > 0);
        var out = new ArrayList<Decision>();
        var people = jdbc.queryForList("""
                select r.registration_key, r.contact_id, c.checked_in_at, c.source, a.minutes
                  from event_registration r left join event_checkin c on c.registration_key = r.registration_key
                  left join event_webinar_attendance a on a.registration_key = r.registration_key
                 where r.crm_event_id = ? and r.status = 'Registered'
                   and not exists (select 1 from event_ceu_decision d where d.registration_key = r.registration_key)""",
                crmEventId);
        for (var person : people) {
            var figures = new LinkedHashMap<String, Object>();
            boolean checkedIn = person.get("checked_in_at") != null;
            Integer minutes = webinarMinutes == null ? null
                    : person.get("minutes") instanceof Number n ? n.intValue() : 0;
            boolean attended = checkedIn || (minutes != null && minutes > 0);
            double share = webinarMinutes == null ? (checkedIn ? 1.0 : 0.0)
                    : Math.min(1.0, minutes / (double) webinarMinutes);
            share = BigDecimal.valueOf(share).setScale(3, RoundingMode.HALF_UP).doubleValue();
            figures.put("checkedIn", checkedIn);
            figures.put("checkedInAt", checkedIn ? person.get("checked_in_at").toString() : null);
            figures.put("checkInSource", person.get("source"));
            figures.put("minutesAttended", minutes);
            figures.put("eventMinutes", webinarMinutes);
            figures.put("shareOfMinutes", share);
            figures.put("minShareOfMinutes", rule.minShareOfMinutes());
            boolean surveyCompleted = surveys.completedFor((String) person.get("registration_key"));
            figures.put("surveyCompleted", surveyCompleted);
            figures.put("creditsPerHour", rule.creditsPerHour());
            figures.put("eventCeuCredits", event.ceuCredits());
            var attendedSessions = eventSessions.isEmpty() ? List.<String>of() : jdbc.queryForList(
                    "select session_code from event_session_checkin where registration_key = ? order by session_code",
                    String.class, person.get("registration_key"));
            var missedSessions = requiredSessions.stream().filter(code -> !attendedSessions.contains(code)).toList();
            if (!eventSessions.isEmpty()) {
                figures.put("sessionsAttended", attendedSessions);
                figures.put("requiredSessions", requiredSessions);
            }
            String reason;
            boolean awarded;
            double credits = 0;
            if (rule.requiredAttendance() && !attended) {
                awarded = false;
                reason = webinarMinutes == null ? "no attendance recorded" : "no attendance recorded (not in the webinar's participants report)";
            } else if (minutes != null && share < rule.minShareOfMinutes()) {
                awarded = false;
                reason = "attended " + minutes + " of " + webinarMinutes + " minutes (" + Math.round(share * 100)
                        + " %); the rule needs at least " + Math.round(rule.minShareOfMinutes() * 100) + " %";
            } else if (!missedSessions.isEmpty()) {
                awarded = false;
                reason = "missed the required session(s) " + String.join(", ", missedSessions);
            } else if (rule.surveyRequired() && !surveyCompleted) {
                awarded = false;
                reason = "the post-event survey is required and none is recorded";
            } else {
                // credits per hour apply to the minutes attended, which webinars report; else the event's value
                credits = rule.creditsPerHour() != null && minutes != null ? rule.creditsPerHour() * minutes / 60.0
                        // an event whose sessions carry CEUs: the sessions attended
                        : sessionCredits ? eventSessions.stream().filter(x -> attendedSessions.contains(x.code()))
                                .mapToDouble(x -> x.ceuCredits().doubleValue()).sum()
                        : event.ceuCredits();
                credits = BigDecimal.valueOf(credits).setScale(2, RoundingMode.HALF_UP).doubleValue();
                awarded = credits > 0;
                reason = !awarded ? (sessionCredits ? "attended no session carrying CEU credits" : "the event carries no CEU credits")
                        : minutes != null ? "attended " + minutes + " of " + webinarMinutes + " minutes (" + Math.round(share * 100) + " %)"
                        : !attendedSessions.isEmpty() ? "attended the sessions " + String.join(", ", attendedSessions)
                        : checkedIn ? "attended (checked in)" : "attendance not required by the rule";
                if (!awarded) {
                    credits = 0;
                }
            }
            var decision = new Decision((String) person.get("registration_key"), crmEventId, (String) person.get("contact_id"),
                    awarded, credits, rule.name(), figures, reason, event.name());
            int stored = jdbc.update("""
                    insert into event_ceu_decision (registration_key, crm_event_id, contact_id, awarded, credits, rule, figures, reason)
                    values (?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict do nothing""",
                    decision.registrationKey(), crmEventId, decision.contactId(), awarded, credits, rule.name(),
                    write(figures), reason);
            if (stored == 1) {
                out.add(decision);
            }
        }
        return out;
    }

    /** The decision on one member at one event, as kept. */
    public Map<String, Object> decision(String crmEventId, String memberId) {
        if (crmEventId == null || !EventOffers.SALESFORCE_ID.matcher(crmEventId).matches()) {
            throw new EventsApiException(400, "eventId must be a CRM event id (15 or 18 letters and digits)");
        }
        if (memberId == null || !EventOffers.SALESFORCE_ID.matcher(memberId).matches()) {
            throw new EventsApiException(400, "memberId must be a CRM contact id (15 or 18 letters and digits)");
        }
        var rows = jdbc.queryForList("""
                select registration_key, awarded, credits, rule, figures::text as figures, reason, decided_at
                  from event_ceu_decision where crm_event_id = ? and contact_id = ? order by decided_at""", crmEventId, memberId);
        if (rows.isEmpty()) {
            throw new EventsApiException(404, "no CEU decision for member " + memberId + " at event " + crmEventId
                    + " (decided when the event closes)");
        }
        var row = rows.get(0);
        var answer = new LinkedHashMap<String, Object>();
        answer.put("eventId", crmEventId);
        answer.put("memberId", memberId);
        answer.put("registrationKey", row.get("registration_key"));
        answer.put("awarded", row.get("awarded"));
        answer.put("credits", row.get("credits"));
        answer.put("rule", row.get("rule"));
        answer.put("reason", row.get("reason"));
        answer.put("figures", read(row.get("figures").toString()));
        answer.put("decidedAt", row.get("decided_at").toString());
        return answer;
    }

    private String write(Map<String, Object> figures) {
        try {
            return json.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object read(String figures) {
        try {
            return json.readValue(figures, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
