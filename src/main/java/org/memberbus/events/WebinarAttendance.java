package org.memberbus.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memberbus.infra.PoisonMessageException;
import org.memberbus.partner.PartnerRefusedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Webinars on the webinar platform (Zoom's API): who to push as a registrant (a registered person
 * at a CRM event with a Webinar_Id__c, once: the registrant id the platform answered is kept), and
 * after the webinar ended, its participants report, page by page, into minutes per registration:
 * the union of each registrant's join..leave rows within the webinar (a person on two devices, or
 * who dropped and rejoined, is not counted twice). Computes and stores, never sends.
 */
@Component("webinarAttendance")
public class WebinarAttendance {

    /** The report is in: who attended how long (new attendances only), for the event's CEU decisions. */
    public record Outcome(String crmEventId, List<Checkins.Attendance> attendances) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final EventCatalogue catalogue;
    private final int defaultCapacity;
    private final Duration pollEvery;
    private final Duration pollGrace;
    private final int pollMaxAgeDays;
    private final int pollBatch;

    WebinarAttendance(JdbcTemplate jdbc, ObjectMapper json, EventCatalogue catalogue,
                      @Value("${memberbus.webinar.default-capacity:1000}") int defaultCapacity,
                      @Value("${memberbus.webinar.report-poll-every:PT15M}") Duration pollEvery,
                      @Value("${memberbus.webinar.report-poll-grace:PT10M}") Duration pollGrace,
                      @Value("${memberbus.webinar.report-poll-max-age-days:7}") int pollMaxAgeDays,
                      @Value("${memberbus.webinar.report-poll-batch:20}") int pollBatch) {
        this.jdbc = jdbc;
        this.json = json;
        this.catalogue = catalogue;
        this.defaultCapacity = defaultCapacity;
        this.pollEvery = pollEvery;
        this.pollGrace = pollGrace;
        this.pollMaxAgeDays = pollMaxAgeDays;
        this.pollBatch = pollBatch;
    }

    /**
     * webinar.created: the CRM event it becomes (process 4, "Schedule Webinar, Create Event Record"),
     * upserted by Webinar_Id__c; staff then price it and give its CEUs in the CRM, and the change
     * stream puts it on the community.
     */
    public Map<String, Object> crmEvent(WebinarWebhooks.Event created) {
        var record = new LinkedHashMap<String, Object>();
        var topic = created.topic();
        record.put("Name", topic.length() > 80 ? topic.substring(0, 80) : topic);
        record.put("Start_Date__c", created.startTime().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString());
        record.put("Capacity__c", defaultCapacity);
        record.put("Status__c", "Open");
        return record;
    }

    /** True for a registered person at a webinar who is not a registrant there yet. */
    public boolean registrantDue(Registration registration) {
        return Registration.REGISTERED.equals(registration.status())
                && catalogue.find(registration.crmEventId()).map(CrmEvent::webinar).orElse(false)
                && !registered(registration.key());
    }

    public String webinarOf(String crmEventId) {
        return catalogue.find(crmEventId).map(CrmEvent::webinarId).orElse(null);
    }

    public boolean registered(String registrationKey) {
        return !jdbc.queryForList("select 1 from event_webinar_registrant where registration_key = ?", Integer.class,
                registrationKey).isEmpty();
    }

    /** Zoom's registrant body from the CRM's Contact (a SOQL answer): email and names. */
    public String registrantBody(String soqlAnswer) throws JsonProcessingException {
        var record = json.readTree(soqlAnswer).path("records").path(0);
        var email = record.path("Email").asText("");
        if (email.isBlank()) {
            throw new PartnerRefusedException("the contact has no email in the CRM: the webinar platform needs one for a registrant");
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("email", email);
        var first = record.path("FirstName").asText("");
        body.put("first_name", first.isBlank() ? "Member" : first);
        body.put("last_name", record.path("LastName").asText(""));
        return json.writeValueAsString(body);
    }

    /** The platform's answer to a registrant: its id, kept for the registration (a repeat keeps the first). */
    public String keepRegistrant(String registrationKey, String webinarId, String answer) throws JsonProcessingException {
        var registrantId = json.readTree(answer).path("registrant_id").asText("");
        if (registrantId.isEmpty()) {
            throw new PartnerRefusedException("the webinar platform answered no registrant_id");
        }
        jdbc.update("""
                insert into event_webinar_registrant (registration_key, webinar_id, registrant_id) values (?, ?, ?)
                on conflict (registration_key) do nothing""", registrationKey, webinarId, registrantId);
        return registrantId;
    }

    /**
     * webinar.ended: the webinar's times are kept for its CRM event. True while its report is still
     * to be pulled (also for the same webhook again before the report was complete, so a crash
     * between this and the first page's command is repaired by the platform's retry).
     */
    public boolean ended(WebinarWebhooks.Event event) {
        return ended(event.webinarId(), event.startTime(), event.endTime());
    }

    private boolean ended(String webinarId, Instant start, Instant end) {
        var crmEvent = catalogue.byWebinar(webinarId);
        if (crmEvent.isEmpty()) {
            return false;
        }
        jdbc.update("""
                insert into event_webinar (webinar_id, crm_event_id, started_at, ended_at) values (?, ?, ?, ?)
                on conflict (webinar_id) do update set started_at = excluded.started_at, ended_at = excluded.ended_at,
                    updated_at = now() where event_webinar.report_complete_at is null""",
                webinarId, crmEvent.get().id(), Timestamp.from(start), Timestamp.from(end));
        return jdbc.queryForList("select 1 from event_webinar where webinar_id = ? and report_complete_at is null",
                Integer.class, webinarId).size() == 1;
    }

    // ---- the report sweep: a webinar.ended that never came --------------------------------------

    /**
     * webinar.created: the sweep leaves the webinar alone until its scheduled end
     * (start_time + duration) plus memberbus.webinar.report-poll-grace; its webinar.ended is due then.
     */
    public void scheduled(WebinarWebhooks.Event created) {
        if (created.startTime() == null || created.durationMinutes() == null) {
            return;
        }
        var notBefore = created.startTime().plus(Duration.ofMinutes(created.durationMinutes())).plus(pollGrace);
        jdbc.update("""
                insert into event_webinar_poll (webinar_id, not_before) values (?, ?)
                on conflict (webinar_id) do update set not_before = excluded.not_before""",
                created.webinarId(), Timestamp.from(notBefore));
    }

    /**
     * The webinars to ask the platform about now (at most memberbus.webinar.report-poll-batch): held
     * for a CRM event that is not cancelled and started on a day from memberbus.webinar.report-poll-
     * max-age-days ago to today, past their scheduled end and its grace (when the bus saw it
     * scheduled), with no participants report under way or complete (no webinar.ended came, or its
     * report stalled for a poll interval), and not asked within memberbus.webinar.report-poll-every.
     * Each answer is claimed (event_webinar_poll), so another bus instance's sweep leaves it alone
     * until the interval has passed.
     */
    public List<String> dueForPoll() {
        var candidates = jdbc.queryForList("""
                select c.record->>'Webinar_Id__c' from event_catalogue c
                  left join event_webinar_poll p on p.webinar_id = c.record->>'Webinar_Id__c'
                 where coalesce(c.record->>'Webinar_Id__c', '') <> ''
                   and coalesce(c.record->>'Status__c', '') not in ('Cancelled')
                   and (c.record->>'Start_Date__c')::date between current_date - ? and current_date
                   and not exists (select 1 from event_webinar w where w.webinar_id = c.record->>'Webinar_Id__c'
                                   and (w.report_complete_at is not null
                                        or w.updated_at > now() - cast(? as double precision) * interval '1 second'))
                   and (p.not_before is null or p.not_before <= now())
                   and (p.polled_at is null or p.polled_at <= now() - cast(? as double precision) * interval '1 second')
                 order by c.record->>'Start_Date__c' limit ?""", String.class,
                pollMaxAgeDays, pollEvery.toSeconds(), pollEvery.toSeconds(), pollBatch);
        var claimed = new ArrayList<String>();
        for (var webinarId : candidates) {
            int won = jdbc.update("""
                    insert into event_webinar_poll (webinar_id, polled_at, polls) values (?, now(), 1)
                    on conflict (webinar_id) do update set polled_at = now(), polls = event_webinar_poll.polls + 1
                     where (event_webinar_poll.not_before is null or event_webinar_poll.not_before <= now())
                       and (event_webinar_poll.polled_at is null
                            or event_webinar_poll.polled_at <= now() - cast(? as double precision) * interval '1 second')""",
                    webinarId, pollEvery.toSeconds());
            if (won == 1) {
                claimed.add(webinarId);
            }
        }
        return claimed;
    }

    /** Zoom's answer to the webinar details report for a webinar that has not ended: 404 with code 3001. */
    public boolean notEndedYet(Integer status, String answer) {
        if (status == null || status != 404) {
            return false;
        }
        try {
            return json.readTree(answer).path("code").asInt() == 3001;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * The webinar details report (Zoom's GET /report/webinars/{id}: start_time, end_time) of a
     * webinar that ended without a webinar.ended: kept as that webhook would be; true while its
     * participants report is still to be pulled.
     */
    public boolean endedFromReport(String webinarId, String answer) throws JsonProcessingException {
        var root = json.readTree(answer);
        try {
            return ended(webinarId, Instant.parse(root.path("start_time").asText()), Instant.parse(root.path("end_time").asText()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new PoisonMessageException("the webinar platform's report of webinar " + webinarId + " has no start_time and end_time");
        }
    }

    // ---- a cancelled registration: cancelled at the platform ------------------------------------

    /** True for a cancelled registration whose person is a registrant at the webinar, not cancelled there yet. */
    public boolean cancelDue(Registration registration) {
        return Registration.CANCELLED.equals(registration.status()) && registrantToCancel(registration.key()) != null;
    }

    /** The registrant id to cancel for this registration; null when there is none or it was cancelled. */
    public String registrantToCancel(String registrationKey) {
        return jdbc.queryForList("select registrant_id from event_webinar_registrant where registration_key = ? and cancelled_at is null",
                String.class, registrationKey).stream().findFirst().orElse(null);
    }

    /** Zoom's update of registrant status: {"action": "cancel", "registrants": [{"id"}]}. */
    public String cancelBody(String registrantId) throws JsonProcessingException {
        return json.writeValueAsString(Map.of("action", "cancel", "registrants", List.of(Map.of("id", registrantId))));
    }

    /** The platform cancelled the registrant (204): not sent again. */
    public void keepCancelled(String registrationKey) {
        jdbc.update("update event_webinar_registrant set cancelled_at = now() where registration_key = ? and cancelled_at is null",
                registrationKey);
    }

    /** One page of the participants report, kept (a row seen again is kept once); answers the next page's token, or "". */
    public String page(String webinarId, String answer) throws JsonProcessingException {
        var root = json.readTree(answer);
        if (!root.path("participants").isArray()) {
            throw new PoisonMessageException("the webinar platform's report for " + webinarId + " holds no participants list");
        }
        for (JsonNode p : root.path("participants")) {
            Instant join;
            Instant leave;
            try {
                join = Instant.parse(p.path("join_time").asText());
                leave = Instant.parse(p.path("leave_time").asText());
            } catch (RuntimeException e) {
                continue; // a row without both times cannot count minutes
            }
            var participant = p.path("id").asText(p.path("user_id").asText(""));
            var registrant = p.path("registrant_id").asText("");
            jdbc.update("""
                    insert into event_webinar_session (webinar_id, participant, registrant_id, join_time, leave_time)
                    values (?, ?, ?, ?, ?) on conflict do nothing""",
                    webinarId, participant, registrant.isEmpty() ? null : registrant, Timestamp.from(join), Timestamp.from(leave));
        }
        jdbc.update("update event_webinar set report_pages = report_pages + 1, updated_at = now() where webinar_id = ?", webinarId);
        return root.path("next_page_token").asText("");
    }

    /** The last page is in: minutes per registration, kept once; answers the new attendances. */
    public Outcome complete(String webinarId) {
        var webinar = jdbc.queryForList("select crm_event_id, started_at, ended_at from event_webinar where webinar_id = ?", webinarId);
        if (webinar.isEmpty()) {
            throw new PoisonMessageException("webinar " + webinarId + " has no webinar.ended on record");
        }
        var crmEventId = (String) webinar.get(0).get("crm_event_id");
        var start = ((Timestamp) webinar.get(0).get("started_at")).toInstant();
        var end = ((Timestamp) webinar.get(0).get("ended_at")).toInstant();
        int webinarMinutes = (int) Math.max(1, Math.round(Duration.between(start, end).toSeconds() / 60.0));
        var rows = jdbc.queryForList("""
                select g.registration_key, r.contact_id, s.join_time, s.leave_time
                  from event_webinar_session s
                  join event_webinar_registrant g on g.webinar_id = s.webinar_id and g.registrant_id = s.registrant_id
                  join event_registration r on r.registration_key = g.registration_key
                 where s.webinar_id = ? order by g.registration_key, s.join_time""", webinarId);
        var byKey = new LinkedHashMap<String, List<Instant[]>>();
        var contacts = new LinkedHashMap<String, String>();
        for (var row : rows) {
            var key = (String) row.get("registration_key");
            contacts.put(key, (String) row.get("contact_id"));
            var join = max(((Timestamp) row.get("join_time")).toInstant(), start);
            var leave = min(((Timestamp) row.get("leave_time")).toInstant(), end);
            if (leave.isAfter(join)) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Instant[] {join, leave});
            }
        }
        var out = new ArrayList<Checkins.Attendance>();
        for (var entry : byKey.entrySet()) {
            var stays = entry.getValue();
            stays.sort(Comparator.comparing(s -> s[0]));
            long seconds = 0;
            Instant from = null;
            Instant to = null;
            for (var stay : stays) {
                if (from == null || stay[0].isAfter(to)) {
                    if (from != null) {
                        seconds += Duration.between(from, to).toSeconds();
                    }
                    from = stay[0];
                    to = stay[1];
                } else if (stay[1].isAfter(to)) {
                    to = stay[1];
                }
            }
            seconds += Duration.between(from, to).toSeconds();
            int minutes = (int) (seconds / 60);
            var firstJoin = stays.get(0)[0];
            int stored = jdbc.update("""
                    insert into event_webinar_attendance (registration_key, webinar_id, crm_event_id, contact_id, minutes,
                        webinar_minutes, first_join) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                    entry.getKey(), webinarId, crmEventId, contacts.get(entry.getKey()), minutes, webinarMinutes,
                    Timestamp.from(firstJoin));
            if (stored == 1 && minutes > 0) {
                out.add(new Checkins.Attendance(entry.getKey(), crmEventId, contacts.get(entry.getKey()), firstJoin,
                        "webinar", false, minutes));
            }
        }
        jdbc.update("update event_webinar set report_complete_at = now() where webinar_id = ? and report_complete_at is null", webinarId);
        return new Outcome(crmEventId, out);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
