package org.memberbus.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.memberbus.finance.events.TicketPrice;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An event's ticket types beside its standard ticket, as the CRM holds them (Event_Ticket_Type__c:
 * code, member, non-member and early-bird prices), read with the event; kept in PostgreSQL
 * (event_ticket_type) and in memory, so an offer is priced without a query.
 */
@Component("eventTicketTypes")
public class EventTicketTypes {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate tx;
    private final Map<String, Map<String, TicketPrice>> byEvent = new ConcurrentHashMap<>();

    EventTicketTypes(JdbcTemplate jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.tx = new TransactionTemplate(transactions);
        reload();
    }

    /** The ticket types of one event, as a SOQL answer on Event_Ticket_Type__c: they replace what was kept. */
    public int remember(String crmEventId, String soqlAnswer) throws JsonProcessingException {
        var records = json.readTree(soqlAnswer).path("records");
        int n = tx.execute(status -> {
            jdbc.update("delete from event_ticket_type where crm_event_id = ?", crmEventId);
            int kept = 0;
            for (JsonNode r : records) {
                kept += keep(r);
            }
            return kept;
        });
        reload();
        return n;
    }

    /** Every ticket type the CRM holds (at start). */
    public int rememberAll(String soqlAnswer) throws JsonProcessingException {
        int n = 0;
        for (JsonNode r : json.readTree(soqlAnswer).path("records")) {
            n += keep(r);
        }
        reload();
        return n;
    }

    /** The event's ticket types by code (none: an empty map). */
    public Map<String, TicketPrice> prices(String crmEventId) {
        return byEvent.getOrDefault(crmEventId, Map.of());
    }

    private int keep(JsonNode r) {
        var id = r.path("Id").asText("");
        var event = r.path("Association_Event__c").asText("");
        if (id.isEmpty() || event.isEmpty()) {
            return 0;
        }
        var code = r.path("Ticket_Code__c").asText("");
        var until = r.path("Early_Bird_Until__c").asText("");
        return jdbc.update("""
                insert into event_ticket_type (crm_ticket_type_id, crm_event_id, code, name, member_cents, non_member_cents,
                    early_member_cents, early_non_member_cents, early_until) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (crm_ticket_type_id) do update set crm_event_id = excluded.crm_event_id, code = excluded.code,
                    name = excluded.name, member_cents = excluded.member_cents, non_member_cents = excluded.non_member_cents,
                    early_member_cents = excluded.early_member_cents, early_non_member_cents = excluded.early_non_member_cents,
                    early_until = excluded.early_until, updated_at = now()""",
                id, event, code.isBlank() ? id : code, r.path("Name").asText(null), cents(r, "Member_Price__c"),
                cents(r, "Non_Member_Price__c"), centsOrNull(r, "Early_Bird_Member_Price__c"),
                centsOrNull(r, "Early_Bird_Non_Member_Price__c"), until.isEmpty() ? null : Date.valueOf(LocalDate.parse(until)));
    }

    private void reload() {
        var fresh = new LinkedHashMap<String, Map<String, TicketPrice>>();
        jdbc.query("select * from event_ticket_type order by crm_event_id, code", rs -> {
            var early = rs.getDate("early_until");
            long earlyMember = rs.getLong("early_member_cents");
            Long em = rs.wasNull() ? null : earlyMember;
            long earlyNon = rs.getLong("early_non_member_cents");
            Long en = rs.wasNull() ? null : earlyNon;
            fresh.computeIfAbsent(rs.getString("crm_event_id"), k -> new LinkedHashMap<>()).put(rs.getString("code"),
                    new TicketPrice(rs.getLong("member_cents"), rs.getLong("non_member_cents"),
                            em == null && en == null ? null : early == null ? null : early.toLocalDate(), em, en));
        });
        byEvent.keySet().retainAll(fresh.keySet());
        byEvent.putAll(fresh);
    }

    private static long cents(JsonNode r, String field) {
        var v = centsOrNull(r, field);
        return v == null ? 0 : v;
    }

    private static Long centsOrNull(JsonNode r, String field) {
        var v = r.path(field);
        if (v.isMissingNode() || v.isNull() || v.asText().isEmpty()) {
            return null;
        }
        return new BigDecimal(v.asText()).setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
    }
}
