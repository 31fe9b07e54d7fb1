package org.memberbus.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Keeps a failed message's headers in a form that survives the database and can be put back on
 * replay: only the plain values (ids, keys, types), not Camel's internal objects.
 */
@Component("deadLetters")
public class DeadLetters {

    private final ObjectMapper json;

    DeadLetters(ObjectMapper json) {
        this.json = json;
    }

    public String headersToJson(Map<String, Object> headers) throws JsonProcessingException {
        var kept = new TreeMap<String, Object>();
        headers.forEach((name, value) -> {
            if ((value instanceof CharSequence || value instanceof Number || value instanceof Boolean)
                    && !name.startsWith("Camel")) {
                kept.put(name, value.toString());
            }
        });
        return json.writeValueAsString(kept);
    }

    /** Puts a stored dead letter's body, key and headers back on the message, ready to resend. */
    public void restore(@ExchangeProperty("deadLetter") Map<String, Object> row, Message message)
            throws JsonProcessingException {
        message.getHeaders().clear();
        var stored = (String) row.get("headers");
        if (stored != null && !stored.isBlank()) {
            message.getHeaders().putAll(json.readValue(stored, new TypeReference<Map<String, Object>>() {}));
        }
        if (row.get("message_key") != null) {
            message.setHeader("kafka.KEY", row.get("message_key"));
        }
        message.setBody(row.get("body"));
    }
}
