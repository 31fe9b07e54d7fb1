package org.memberbus.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        payload.fields().forEachRemaining(e -> {
            // a CREATE carries every field set; an UPDATE lists the ones that changed (also to null)
            boolean relevant = changeType.endsWith("CREATE") ? !e.getValue().isNull() : changed.contains(e.getKey());
            if (!e.getKey().equals("ChangeEventHeader") && relevant) {
                fields.put(e.getKey(), json.convertValue(e.getValue(), Object.class));
            }
        });
        var changes = new ArrayList<CrmChange>();
        header.path("recordIds").forEach(id -> changes.add(new CrmChange(replayId, header.path("entityName").asText(),
                changeType, id.asText(), header.path("commitTimestamp").asLong(), header.path("changeOrigin").asText(),
                Map.copyOf(fields))));
        return changes;
    }
}
