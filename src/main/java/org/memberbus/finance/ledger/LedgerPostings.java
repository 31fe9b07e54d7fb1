package org.memberbus.finance.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.memberbus.partner.PartnerRefusedException;
import org.memberbus.partner.PartnerSlowDownException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The accounting sink's rules (routes/finance-ledger.camel.yaml, accounting-sink): what the
 * ledger's answer means, and the bus's record of every entry it asked for ({@code ledger_posting}).
 *
 * <p>The ledger keeps an entry once per reference (a repeat answers the entry already posted; the
 * same reference with other content is refused 409). The bus's record lets it skip a reference
 * already posted without a call (a webhook delivered again days later costs no API call) and
 * remembers entries moved out of a closed period, whose content (date, memo) differs from what the
 * event asks for: the ledger would refuse that repeat as a conflict.
 */
@Component("ledgerPostings")
public class LedgerPostings {

    /** The outcome of one call: the entry is there, it falls in a closed period, or its reference is taken. */
    public enum Reply { POSTED, PERIOD_CLOSED, CONFLICT }

    private static final Duration LEDGER_WINDOW = Duration.ofSeconds(60); // a per-minute limit's window

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    LedgerPostings(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** True when the bus already has this entry at the ledger (posted or moved). */
    public boolean done(@Header("reference") String reference) {
        return !jdbc.queryForList("select 1 from ledger_posting where reference = ? and status in ('posted', 'moved')",
                Integer.class, reference).isEmpty();
    }

    /**
     * Reads the ledger's answer to a POST. 201/200: posted (200 is the ledger's replay of the same
     * entry); 422 {@code period_closed}: sets property {@code firstOpenDate}; 409
     * {@code reference_conflict}. 429 and 5xx are "slow down" for partner-sink (with the ledger's
     * Retry-After); any other refusal is the entry's fault and goes to the dead-letter queue. The
     * outcome is set as property {@code ledgerReply}.
     */
    public void read(Exchange exchange) throws IOException {
        exchange.setProperty("ledgerReply", reply(exchange).name());
    }

    private Reply reply(Exchange exchange) throws IOException {
        var message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = message.getBody(String.class);
        if (status == 200 || status == 201) {
            return Reply.POSTED;
        }
        if (status == 429 || status >= 500) {
            String retryAfter = message.getHeader("Retry-After", String.class);
            Duration wait = null;
            if (retryAfter != null && retryAfter.trim().matches("\\d+")) {
                wait = Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
            }
            throw new PartnerSlowDownException("accounting answered " + status + ": " + code(body), wait, LEDGER_WINDOW);
        }
        String code = code(body);
        if (status == 422 && "period_closed".equals(code)) {
            exchange.setProperty("firstOpenDate", json.readTree(body).path("firstOpenDate").asText());
            exchange.setProperty("periodClosedReason", json.readTree(body).path("detail").asText());
            return Reply.PERIOD_CLOSED;
        }
        if (status == 409 && "reference_conflict".equals(code)) {
            return Reply.CONFLICT;
        }
        throw new PartnerRefusedException("accounting refused the entry " + exchange.getProperty("reference")
                + " with " + status + " " + code + ": " + (body == null ? "" : json.readTree(body).path("detail").asText()));
    }

    private String code(String body) {
        try {
            return body == null || body.isBlank() ? "" : json.readTree(body).path("code").asText();
        } catch (IOException e) {
            return "";
        }
    }

    /** The entry, dated on the first open day and its memo marked with the date it was for. */
    public String moved(@Header("ledgerEntry") String entry, String firstOpenDate) throws IOException {
        var node = (ObjectNode) json.readTree(entry);
        String original = node.path("date").asText();
        node.put("date", LocalDate.parse(firstOpenDate).toString());
        String memo = node.path("memo").asText("");
        if (!memo.startsWith("[moved from closed period")) {
            node.put("memo", "[moved from closed period " + original + "] " + memo);
        }
        return json.writeValueAsString(node);
    }

    /** Records the entry the ledger holds now (answer of a POST, or the one found for a taken reference). */
    public void posted(@Header("reference") String reference, @Header("ledgerKind") String kind,
                       @Header("askedDate") String askedDate, String answer) throws IOException {
        JsonNode entry = json.readTree(answer);
        if (entry.has("data")) { // a list answer: the entry found by its reference
            entry = entry.path("data").path(0);
        }
        String postedDate = entry.path("date").asText(askedDate);
        String status = postedDate.equals(askedDate) ? "posted" : "moved";
        jdbc.update("""
                insert into ledger_posting (reference, kind, asked_date, posted_date, entry_id, status)
                values (?, ?, ?::date, ?::date, ?, ?)
                on conflict (reference) do update set posted_date = excluded.posted_date, entry_id = excluded.entry_id,
                status = excluded.status, note = null, updated_at = now()""",
                reference, kind, askedDate, postedDate, entry.path("id").asText(null), status);
    }

    /** Records an entry held for staff (closed period, policy hold). */
    public void held(@Header("reference") String reference, @Header("ledgerKind") String kind,
                     @Header("askedDate") String askedDate, String reason) {
        jdbc.update("""
                insert into ledger_posting (reference, kind, asked_date, status, note) values (?, ?, ?::date, 'held', ?)
                on conflict (reference) do update set status = 'held', note = excluded.note, updated_at = now()
                where ledger_posting.status = 'held'""", reference, kind, askedDate, reason);
    }
}
