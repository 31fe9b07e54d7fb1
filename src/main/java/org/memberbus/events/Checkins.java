package org.memberbus.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Check-ins from kiosks and the mobile app: each carries a registration's QR code (issued and
 * checked by {@link CheckinTokens}) and, from a kiosk, its own client id. A registration is
 * checked in once (event_checkin's key): the same client id again is the same check-in (a batch
 * sent twice counts once), another use of the code is refused as reused. Answers what to record
 * (new check-ins only) and what to tell the kiosk, per item. Computes and stores, never sends.
 */
@Component("checkins")
public class Checkins {

    /** A new attendance, for the route to write to the CRM, the community and Kafka. */
    public record Attendance(String registrationKey, String crmEventId, String contactId, Instant checkedInAt,
                             String source, boolean repeat, Integer minutes, String session, boolean firstOfEvent) {

        /** A check-in at the event (no minutes: an in-person attendance). */
        public Attendance(String registrationKey, String crmEventId, String contactId, Instant checkedInAt,
                          String source, boolean repeat) {
            this(registrationKey, crmEventId, contactId, checkedInAt, source, repeat, null, null, !repeat);
        }

        /** A webinar's attendance, with the minutes its report gave. */
        public Attendance(String registrationKey, String crmEventId, String contactId, Instant checkedInAt,
                          String source, boolean repeat, Integer minutes) {
            this(registrationKey, crmEventId, contactId, checkedInAt, source, repeat, minutes, null, !repeat);
        }

        /** The attendance.recorded fact is due once per person and event (not per session, not again). */
        public boolean factDue() {
            return !repeat && firstOfEvent;
        }

        public Map<String, Object> crmRecord() {
            var record = new LinkedHashMap<String, Object>();
            record.put("Status__c", "Attended");
            record.put("Checked_In_At__c", checkedInAt.toString());
            if (minutes != null) {
                record.put("Minutes_Attended__c", minutes);
            }
            return record;
        }

        public Map<String, Object> rosterEntry() {
            return Map.of("crmContactId", contactId, "status", "REGISTERED", "attended", true);
        }

        public Map<String, Object> fact() {
            var fact = new LinkedHashMap<String, Object>();
            fact.put("type", "attendance.recorded");
            fact.put("registrationKey", registrationKey);
            fact.put("crmContactId", contactId);
            fact.put("crmEventId", crmEventId);
            fact.put("checkedInAt", checkedInAt.toString());
            fact.put("source", source);
            if (minutes != null) {
                fact.put("minutes", minutes);
            }
            if (session != null) {
                fact.put("session", session);
            }
            return fact;
        }
    }

    /**
     * A call's outcome: the attendances to write (new ones, and repeats of the same check-in, whose
     * CRM and community writes are sent again: harmless upserts that repair a crash between the
     * check-in's row and its commands), and the answer (one result per check-in sent).
     */
    public record Outcome(List<Attendance> recorded, Map<String, Object> answer, int status) {}

    static final int MAX_BATCH = 500;
    private final JdbcTemplate jdbc;
    private final CheckinTokens tokens;
    private final EventRegistrations registrations;
    private final EventCatalogue catalogue;
    private final EventsSettings settings;
    private final EventSessions sessions;
    private final Clock clock;

    @Autowired
    Checkins(JdbcTemplate jdbc, CheckinTokens tokens, EventRegistrations registrations, EventCatalogue catalogue,
             EventsSettings settings, EventSessions sessions) {
        this(jdbc, tokens, registrations, catalogue, settings, sessions, Clock.systemUTC());
    }

    Checkins(JdbcTemplate jdbc, CheckinTokens tokens, EventRegistrations registrations, EventCatalogue catalogue,
             EventsSettings settings, EventSessions sessions, Clock clock) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.tokens = tokens;
        this.registrations = registrations;
        this.catalogue = catalogue;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * One check-in {@code {token, clientId?, checkedInAt?}} (answered 200, or 4xx with the reason),
     * or an offline batch {@code {checkins: [...]}}, each with its clientId (answered 200 with a
     * result per item: recorded, duplicate or refused with the reason).
     */
    @SuppressWarnings("unchecked")
    public Outcome record(Map<String, Object> body) {
        if (body == null) {
            throw new EventsApiException(400, "a JSON object is required");
        }
        if (body.get("checkins") instanceof List<?> batch) {
            if (batch.isEmpty() || batch.size() > MAX_BATCH) {
                throw new EventsApiException(400, "checkins must hold 1 to " + MAX_BATCH + " check-ins");
            }
            var recorded = new ArrayList<Attendance>();
            var results = new ArrayList<Map<String, Object>>();
            var counts = new LinkedHashMap<String, Integer>(Map.of("recorded", 0, "duplicate", 0, "refused", 0));
            for (var item : batch) {
                if (!(item instanceof Map<?, ?> one) || !(one.get("clientId") instanceof String clientId) || clientId.isBlank()) {
                    throw new EventsApiException(400, "each check-in of a batch needs its clientId");
                }
                var result = new LinkedHashMap<String, Object>();
                result.put("clientId", clientId);
                try {
                    var attendance = one((Map<String, Object>) one, "kiosk-batch");
                    result.put("result", attendance.repeat() ? "duplicate" : "recorded");
                    recorded.add(attendance);
                } catch (EventsApiException refused) {
                    result.put("result", "refused");
                    result.put("reason", refused.getMessage());
                }
                counts.merge(result.get("result").toString(), 1, Integer::sum);
                results.add(result);
            }
            return new Outcome(recorded, Map.of("counts", counts, "results", results), 200);
        }
        var attendance = one(body, body.get("clientId") == null ? "app" : "kiosk");
        var answer = new LinkedHashMap<String, Object>();
        answer.put("result", attendance.repeat() ? "duplicate" : "recorded");
        answer.put("clientId", body.get("clientId"));
        if (attendance.session() != null) {
            answer.put("session", attendance.session());
        }
        return new Outcome(List.of(attendance), answer, 200);
    }

    /** One check-in: a new attendance, the same check-in again (repeat), or a refusal. */
    private Attendance one(Map<String, Object> checkin, String source) {
        var token = checkin.get("token") instanceof String t ? t : null;
        var clientId = checkin.get("clientId") instanceof String c && !c.isBlank() ? c : null;
        if (clientId != null && clientId.length() > 100) {
            throw new EventsApiException(400, "clientId is longer than 100 characters");
        }
        var now = clock.instant();
        Instant at;
        try {
            at = checkin.get("checkedInAt") == null ? now : Instant.parse(checkin.get("checkedInAt").toString());
        } catch (DateTimeParseException e) {
            throw new EventsApiException(400, "checkedInAt must be an ISO instant");
        }
        if (at.isAfter(now.plusSeconds(300))) {
            throw new EventsApiException(400, "checkedInAt is in the future");
        }
        var claims = tokens.verify(token, at);
        var registration = registrations.find(claims.registrationKey())
                .orElseThrow(() -> new EventsApiException(404, "no registration for this QR code"));
        if (!Registration.REGISTERED.equals(registration.status())) {
            throw new EventsApiException(409, "the registration is " + registration.status() + ", not registered");
        }
        if (checkin.get("session") instanceof String session && !session.isBlank()) {
            return atSession(claims, session, clientId, source, at);
        }
        int inserted = jdbc.update("""
                insert into event_checkin (registration_key, client_id, crm_event_id, contact_id, source, checked_in_at)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""",
                claims.registrationKey(), clientId, claims.crmEventId(), claims.contactId(), source, Timestamp.from(at));
        if (inserted == 1) {
            return new Attendance(claims.registrationKey(), claims.crmEventId(), claims.contactId(), at, source, false);
        }
        var rows = jdbc.queryForList("select client_id, checked_in_at from event_checkin where registration_key = ?",
                claims.registrationKey());
        if (rows.isEmpty()) {
            throw new EventsApiException(409, "clientId " + clientId + " was used for another check-in");
        }
        var earlier = rows.get(0);
        if (clientId != null && clientId.equals(earlier.get("client_id"))) {
            return new Attendance(claims.registrationKey(), claims.crmEventId(), claims.contactId(),
                    ((Timestamp) earlier.get("checked_in_at")).toInstant(), source, true);
        }
        throw new EventsApiException(409, "the QR code was used already (checked in at "
                + ((Timestamp) earlier.get("checked_in_at")).toInstant().atOffset(ZoneOffset.UTC) + ")");
    }

    /**
     * A check-in at one session's door: once per registration and session (the same client id
     * again is the same check-in; another use at that session is refused as reused). The first
     * session of the day is also the person's check-in at the event.
     */
    private Attendance atSession(CheckinTokens.Claims claims, String code, String clientId, String source, Instant at) {
        var session = sessions.find(claims.crmEventId(), code)
                .orElseThrow(() -> new EventsApiException(404, "no session '" + code + "' at this event"));
        var key = claims.registrationKey();
        int inserted = jdbc.update("""
                insert into event_session_checkin (registration_key, session_code, client_id, crm_event_id, checked_in_at)
                values (?, ?, ?, ?, ?) on conflict do nothing""", key, session.code(), clientId, claims.crmEventId(), Timestamp.from(at));
        if (inserted == 0) {
            var rows = jdbc.queryForList("select client_id, checked_in_at from event_session_checkin where registration_key = ? and session_code = ?",
                    key, session.code());
            if (rows.isEmpty()) {
                throw new EventsApiException(409, "clientId " + clientId + " was used for another check-in");
            }
            if (clientId == null || !clientId.equals(rows.get(0).get("client_id"))) {
                throw new EventsApiException(409, "the QR code was used at session '" + session.code() + "' already (checked in at "
                        + ((Timestamp) rows.get(0).get("checked_in_at")).toInstant().atOffset(ZoneOffset.UTC) + ")");
            }
            return new Attendance(key, claims.crmEventId(), claims.contactId(), eventCheckin(key).orElse(at), source, true,
                    null, session.code(), false);
        }
        int first = jdbc.update("""
                insert into event_checkin (registration_key, client_id, crm_event_id, contact_id, source, checked_in_at)
                values (?, null, ?, ?, ?, ?) on conflict do nothing""",
                key, claims.crmEventId(), claims.contactId(), source, Timestamp.from(at));
        return new Attendance(key, claims.crmEventId(), claims.contactId(), eventCheckin(key).orElse(at), source, false,
                null, session.code(), first == 1);
    }

    private java.util.Optional<Instant> eventCheckin(String key) {
        return jdbc.queryForList("select checked_in_at from event_checkin where registration_key = ?", Timestamp.class, key)
                .stream().findFirst().map(Timestamp::toInstant);
    }

    /** The QR code of a registered person, valid until the event's day plus the configured time. */
    public Map<String, Object> qrCode(String key) {
        var registration = registrations.find(key).orElseThrow(() -> new EventsApiException(404, "no registration " + key));
        if (!Registration.REGISTERED.equals(registration.status())) {
            throw new EventsApiException(409, "the registration is " + registration.status() + ", not registered");
        }
        var day = catalogue.find(registration.crmEventId()).map(CrmEvent::startDate).orElse(null);
        var from = day == null ? clock.instant() : day.atStartOfDay().toInstant(ZoneOffset.UTC);
        var until = from.plus(settings.checkinTokenValidFor());
        return Map.of("registrationKey", key, "token", tokens.issue(registration, until), "validUntil", until.toString());
    }
}
