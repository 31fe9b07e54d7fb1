package org.memberbus.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads a Salesforce change event (the raw Bayeux message camel-salesforce hands over with
 * {@code rawPayload=true}) into one {@link CrmChange} per record it names. Computes only.
 */
@Component("crmChangeEvents")
public class CrmChangeEvents {

    private final ObjectMapper json;

    CrmChangeEvents(ObjectMapper json) {
        this.json = json;
    }

    public List<CrmChange> read(String message) throws IOException {
        JsonNode root = json.readTree(message);
        JsonNode data = root.has("data") ? root.path("data") : root;
        JsonNode payload = data.path("payload");
        JsonNode header = payload.path("ChangeEventHeader");
        long replayId = data.path("event").path("replayId").asLong();
        var changeType = header.path("changeType").asText();
        var changed = new ArrayList<String>();
        header.path("changedFields").forEach(f -> changed.add(f.asText()));
        var fields = new LinkedHashMap<String, Object>();
        // a CREATE carries every field set; an UPDATE lists the ones that changed (also to null)
        boolean create = changeType.endsWith("CREATE");
        payload.fields().forEachRemaining(e -> {
            if (e.getKey().equals("ChangeEventHeader")) {
                return;
            }
            if (e.getValue().isObject()) { // a compound field (Name, MailingAddress): its parts are the fields
                e.getValue().fields().forEachRemaining(part -> {
                    if (create ? !part.getValue().isNull() : changed.contains(e.getKey() + "." + part.getKey())) {
                        fields.put(fieldOf(e.getKey(), part.getKey()), json.convertValue(part.getValue(), Object.class));
                    }
                });
            } else if (create ? !e.getValue().isNull() : changed.contains(e.getKey())) {
                fields.put(e.getKey(), json.convertValue(e.getValue(), Object.class));
            }
        });
        var changes = new ArrayList<CrmChange>();
        header.path("recordIds").forEach(id -> changes.add(new CrmChange(replayId, header.path("entityName").asText(),
                changeType, id.asText(), header.path("commitTimestamp").asLong(), header.path("changeOrigin").asText(),
                Collections.unmodifiableMap(fields)))); // (a field changed to null stays, as null)
        return changes;
    }

    /**
     * The field a part of a compound field stands for: Name's parts are fields themselves
     * ({@code Name.FirstName}), an address's are prefixed ({@code MailingAddress.City} is MailingCity).
     */
    static String fieldOf(String compound, String part) {
        return compound.endsWith("Address") ? compound.substring(0, compound.length() - "Address".length()) + part : part;
    }
}
