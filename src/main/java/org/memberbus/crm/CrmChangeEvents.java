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
 * {@code rawPayload=true}) into one {@link CrmChange} per record it names: CREATE and UNDELETE
 * with every field the record holds, UPDATE with its changed fields, DELETE and the gap events
 * ({@code GAP_CREATE}, {@code GAP_UPDATE}, {@code GAP_DELETE}, {@code GAP_UNDELETE},
 * {@code GAP_OVERFLOW}, which name records but carry no values) with none. Computes only.
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
        if (changeType.startsWith("GAP_") || changeType.equals("DELETE")) {
            // a gap event names its records but carries no values (its fields are all null), a
            // delete carries none: what the record is now has to be read from the CRM
        } else if (changeType.equals("CREATE") || changeType.equals("UNDELETE")) {
            payload.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("ChangeEventHeader")) {
                    flatten(e.getKey(), e.getValue(), fields);
                }
            });
        } else {
            // an UPDATE lists the changed fields; compound ones as Name.LastName, MailingAddress.City
            for (String name : changed) {
                var path = name.split("\\.", 2);
                var value = path.length == 2 ? payload.path(path[0]).path(path[1]) : payload.path(name);
                fields.put(path.length == 2 ? component(path[0], path[1]) : name,
                        value.isMissingNode() || value.isNull() ? null : json.convertValue(value, Object.class));
            }
        }
        var changes = new ArrayList<CrmChange>();
        header.path("recordIds").forEach(id -> changes.add(new CrmChange(replayId, header.path("entityName").asText(),
                changeType, id.asText(), header.path("commitTimestamp").asLong(), header.path("changeOrigin").asText(),
                java.util.Collections.unmodifiableMap(fields))));
        return changes;
    }

    /** A compound field's value as the flat fields REST and SOQL use (Name.FirstName, MailingAddress.City). */
    private void flatten(String name, JsonNode value, Map<String, Object> into) {
        if (value.isNull()) {
            return;
        }
        if (value.isObject() && (name.equals("Name") || name.endsWith("Address"))) {
            value.fields().forEachRemaining(part -> flatten(component(name, part.getKey()), part.getValue(), into));
        } else {
            into.put(name, json.convertValue(value, Object.class));
        }
    }

    /** The flat name of a compound field's component: MailingAddress.City is MailingCity, Name.LastName is LastName. */
    private static String component(String compound, String part) {
        return compound.endsWith("Address") ? compound.substring(0, compound.length() - "Address".length()) + part : part;
    }
}
