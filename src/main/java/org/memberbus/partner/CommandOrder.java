package org.memberbus.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps a member's commands from undoing each other when one of them is held back. A partner that
 * says "slow down" gets its command again later as a new, scheduled message, and meanwhile the
 * member's next command (same message group) is delivered: without a check, the older command
 * would then overwrite what the newer one wrote.
 *
 * <p>So each command gets, the first time a sink takes it, a number from one sequence (its place
 * in the order the member's commands arrived, since a group is delivered in order) and the time of
 * that first attempt; both travel with it as message properties when it is rescheduled. A write to
 * a partner record (PUT/PATCH, sObject update/upsert with a JSON object body) records, per field,
 * the number of the command that wrote it; a command that comes back with a lower number leaves
 * out the fields a later command already wrote, and is dropped when none is left. Every field left
 * out is logged as a {@code stale} decision in the sync ledger's decision log. This keeps the
 * outcome the one of the commands applied in order, without holding the member's other commands
 * back for as long as a partner asks (up to the retry horizon).
 */
@Component("commandOrder")
public class CommandOrder {

    public static final String SEQUENCE = "memberbusCommandSeq";
    public static final String FIRST_ATTEMPT = "memberbusFirstAttemptAt";
    private static final Logger LOG = LoggerFactory.getLogger(CommandOrder.class);
    private static final String WRITE_TARGET = "commandWriteTarget";
    private static final String WRITE_BODY = "commandWriteBody";
    private static final Set<String> WRITES = Set.of("PUT", "PATCH", "updateSObject", "upsertSObject");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    CommandOrder(JdbcTemplate jdbc, ObjectMapper json) {
        this(jdbc, json, Clock.systemUTC());
    }

    CommandOrder(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Gives a command taken for the first time its number and first-attempt time (a rescheduled one
     * keeps its own), and keeps both as exchange properties too: the error handling resends the
     * original message, which must carry them.
     */
    public void stamp(Exchange exchange) {
        Message in = exchange.getMessage();
        if (in.getHeader(SEQUENCE) == null) {
            in.setHeader(SEQUENCE, jdbc.queryForObject("select nextval('partner_command_seq')", Long.class));
        }
        if (in.getHeader(FIRST_ATTEMPT) == null) {
            in.setHeader(FIRST_ATTEMPT, clock.millis());
        }
        exchange.setProperty(SEQUENCE, in.getHeader(SEQUENCE));
        exchange.setProperty(FIRST_ATTEMPT, in.getHeader(FIRST_ATTEMPT));
    }

    /** Puts the stamps back on the (original) message about to be rescheduled or dead-lettered. */
    public void restamp(Exchange exchange) {
        for (String name : List.of(SEQUENCE, FIRST_ATTEMPT)) {
            Object value = exchange.getProperty(name);
            if (value != null) {
                exchange.getMessage().setHeader(name, value);
            }
        }
    }

    /**
     * Leaves out of the command's body the fields that a later command of the same member already
     * wrote at this partner record, logging each as stale. Answers false when nothing is left to
     * send (the route then drops the command).
     */
    public boolean current(String partner, Exchange exchange) {
        ObjectNode body = writeBody(exchange);
        long seq = sequence(exchange);
        if (body == null || seq < 0) {
            return true;
        }
        String target = target(exchange);
        // what written() records once the partner accepted it (the body is the answer by then)
        exchange.setProperty(WRITE_TARGET, target);
        exchange.setProperty(WRITE_BODY, body);
        Map<String, Long> newer = new HashMap<>();
        jdbc.query("select field, command_seq from partner_write where partner = ? and target = ? and command_seq > ?",
                rs -> {
                    newer.put(rs.getString(1), rs.getLong(2));
                }, partner, target, seq);
        if (newer.isEmpty()) {
            return true;
        }
        String member = member(exchange, target);
        List<String> dropped = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        for (var field : fields) {
            Long later = newer.get(field);
            if (later != null) {
                dropped.add(field);
                JsonNode value = body.remove(field);
                jdbc.update("""
                        insert into sync_decision (object_type, record_id, field, system, new_value, decision, rule, reason, version)
                        values (?, ?, ?, ?, ?, 'stale', 'command-order', ?, ?)""",
                        partner + "-command", member, field, partner, value == null || value.isNull() ? null : value.asText(),
                        "command " + seq + " to " + target + " came back after a later command (" + later
                                + ") of the member wrote this field: not applied", Long.toString(seq));
            }
        }
        LOG.info("{} command {} to {} is older than what a later command wrote: left out {}{}", partner, seq, target,
                dropped, body.isEmpty() ? "; nothing left, dropped" : "");
        if (body.isEmpty()) {
            return false;
        }
        exchange.getMessage().setBody(write(body));
        return true;
    }

    /** Records which command last wrote each field of the partner record (after the partner accepted it). */
    public void written(String partner, Exchange exchange) {
        ObjectNode body = exchange.getProperty(WRITE_BODY, ObjectNode.class);
        String target = exchange.getProperty(WRITE_TARGET, String.class);
        long seq = sequence(exchange);
        if (body == null || target == null || seq < 0) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        body.fieldNames().forEachRemaining(field -> rows.add(new Object[] {partner, target, field, seq}));
        jdbc.batchUpdate("""
                insert into partner_write (partner, target, field, command_seq) values (?, ?, ?, ?)
                on conflict (partner, target, field) do update
                set command_seq = greatest(partner_write.command_seq, excluded.command_seq), written_at = now()""", rows);
    }

    /** The body of a write command as a JSON object, or null for anything else (creates, campaigns, ...). */
    private ObjectNode writeBody(Exchange exchange) {
        Message in = exchange.getMessage();
        if (!WRITES.contains(String.valueOf(in.getHeader("httpMethod"))) || in.getHeader("httpPath") == null) {
            return null;
        }
        String text = in.getBody(String.class);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text) instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private static long sequence(Exchange exchange) {
        Object seq = exchange.getProperty(SEQUENCE);
        if (seq == null) {
            seq = exchange.getMessage().getHeader(SEQUENCE);
        }
        if (seq instanceof Number n) {
            return n.longValue();
        }
        try {
            return seq == null ? -1 : Long.parseLong(seq.toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String target(Exchange exchange) {
        String path = exchange.getMessage().getHeader("httpPath", String.class);
        return path.length() > 300 ? path.substring(0, 300) : path;
    }

    private static String member(Exchange exchange, String target) {
        String group = exchange.getMessage().getHeader("JMSXGroupID", String.class);
        String id = group != null && !group.isBlank() ? group : target;
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
