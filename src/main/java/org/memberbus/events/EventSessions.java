package org.memberbus.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An event's sessions as the CRM holds them (Event_Session__c), read with the event and kept in
 * PostgreSQL (event_session): a session's code (Session_Code__c, else its CRM id) is what a kiosk
 * at its door names, and its CEU value counts when the event's CEUs are decided.
 */
@Component("eventSessions")
public class EventSessions {

    public record Session(String crmSessionId, String crmEventId, String code, String name, BigDecimal ceuCredits) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate tx;

    EventSessions(JdbcTemplate jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The sessions of one event, as a SOQL answer on Event_Session__c: they replace what was kept. */
    public int remember(String crmEventId, String soqlAnswer) throws JsonProcessingException {
        var records = json.readTree(soqlAnswer).path("records");
        return tx.execute(status -> {
            jdbc.update("delete from event_session where crm_event_id = ?", crmEventId);
            int n = 0;
            for (JsonNode r : records) {
                n += keep(r);
            }
            return n;
        });
    }

    /** Every session the CRM holds (at start), grouped by their events. */
    public int rememberAll(String soqlAnswer) throws JsonProcessingException {
        var records = json.readTree(soqlAnswer).path("records");
        return tx.execute(status -> {
            int n = 0;
            for (JsonNode r : records) {
                n += keep(r);
            }
            return n;
        });
    }

    private int keep(JsonNode r) {
        var id = r.path("Id").asText("");
        var event = r.path("Association_Event__c").asText("");
        if (id.isEmpty() || event.isEmpty()) {
            return 0;
        }
        var code = r.path("Session_Code__c").asText("");
        return jdbc.update("""
                insert into event_session (crm_session_id, crm_event_id, code, name, ceu_credits) values (?, ?, ?, ?, ?)
                on conflict (crm_session_id) do update set crm_event_id = excluded.crm_event_id, code = excluded.code,
                    name = excluded.name, ceu_credits = excluded.ceu_credits, updated_at = now()""",
                id, event, code.isBlank() ? id : code, r.path("Name").asText(null),
                BigDecimal.valueOf(r.path("CEU_Credits__c").asDouble(0)));
    }

    public List<Session> of(String crmEventId) {
        return new ArrayList<>(jdbc.query("select * from event_session where crm_event_id = ? order by code",
                (rs, n) -> new Session(rs.getString("crm_session_id"), rs.getString("crm_event_id"), rs.getString("code"),
                        rs.getString("name"), rs.getBigDecimal("ceu_credits")), crmEventId));
    }

    public Optional<Session> find(String crmEventId, String code) {
        return of(crmEventId).stream().filter(s -> s.code().equals(code) || s.crmSessionId().equals(code)).findFirst();
    }
}
