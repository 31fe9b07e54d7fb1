package org.memberbus.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The CRM's events as the bus last read them (after each of their change events), so an offer is
 * priced without a CRM call: in memory for the offer API, and in PostgreSQL (event_catalogue) so a
 * restart starts with every event it knew.
 */
@Component("eventCatalogue")
public class EventCatalogue {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Map<String, CrmEvent> events = new ConcurrentHashMap<>();

    EventCatalogue(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        jdbc.query("select record from event_catalogue", rs -> {
            var event = read(rs.getString(1));
            events.put(event.id(), event);
        });
    }

    /** The event the CRM holds now (a record of Association_Event__c, as SOQL answers it), kept. */
    public CrmEvent remember(Map<String, Object> record) {
        var event = read(json.valueToTree(record));
        jdbc.update("""
                INSERT INTO event_catalogue (crm_event_id, record, updated_at) VALUES (?, ?::jsonb, now())
                ON CONFLICT (crm_event_id) DO UPDATE SET record = excluded.record, updated_at = now()""",
                event.id(), json.valueToTree(record).toString());
        events.put(event.id(), event);
        return event;
    }

    /** The event was deleted in the CRM: what the catalogue knew of it, now cancelled (null if it knew nothing). */
    public CrmEvent deleted(String crmEventId) {
        var known = events.get(crmEventId);
        if (known == null) {
            return null;
        }
        var cancelled = new CrmEvent(known.id(), known.name(), known.startDate(), known.capacity(), "Cancelled",
                known.memberPrice(), known.nonMemberPrice(), known.earlyBirdMember(), known.earlyBirdNonMember(),
                known.earlyBirdUntil(), known.registrationOpens(), known.registrationCloses(), known.ceuCredits(),
                known.webinarId());
        jdbc.update("update event_catalogue set record = jsonb_set(record, '{Status__c}', '\"Cancelled\"'), updated_at = now() where crm_event_id = ?",
                crmEventId);
        events.put(crmEventId, cancelled);
        return cancelled;
    }

    /** The CRM event held as this webinar on the webinar platform (Webinar_Id__c), if the bus knows one. */
    public Optional<CrmEvent> byWebinar(String webinarId) {
        return webinarId == null ? Optional.empty()
                : events.values().stream().filter(e -> webinarId.equals(e.webinarId())).findFirst();
    }

    public Optional<CrmEvent> find(String crmEventId) {
        return crmEventId == null ? Optional.empty() : Optional.ofNullable(events.get(crmEventId));
    }

    private CrmEvent read(String stored) {
        try {
            return read(json.readTree(stored));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event_catalogue holds a record that is not JSON", e);
        }
    }

    static CrmEvent read(JsonNode r) {
        return new CrmEvent(r.path("Id").asText(), text(r, "Name"), date(r, "Start_Date__c"),
                r.path("Capacity__c").asInt(0), text(r, "Status__c"), cents(r, "Member_Price__c"),
                cents(r, "Non_Member_Price__c"), centsOrNull(r, "Early_Bird_Member_Price__c"),
                centsOrNull(r, "Early_Bird_Non_Member_Price__c"), date(r, "Early_Bird_Until__c"),
                date(r, "Registration_Opens__c"), date(r, "Registration_Closes__c"), r.path("CEU_Credits__c").asDouble(0),
                text(r, "Webinar_Id__c"));
    }

    private static String text(JsonNode r, String field) {
        var v = r.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static LocalDate date(JsonNode r, String field) {
        var v = text(r, field);
        return v == null ? null : LocalDate.parse(v);
    }

    private static long cents(JsonNode r, String field) {
        var v = centsOrNull(r, field);
        return v == null ? 0 : v;
    }

    private static Long centsOrNull(JsonNode r, String field) {
        var v = text(r, field);
        return v == null ? null : new BigDecimal(v).setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
    }
}
