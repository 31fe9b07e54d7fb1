package org.memberbus.sandbox.marketing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The marketing database's contacts (Marketo "leads"): flat records of fields, found by email or
 * by the CRM's contact id. Upserts follow Marketo's {@code createOrUpdate} / {@code createOnly} /
 * {@code updateOnly} actions and answer per record, skipping bad records with reasons rather
 * than failing the whole call.
 */
class Contacts {

    static final Set<String> ACTIONS = Set.of("createOrUpdate", "createOnly", "updateOnly");
    private static final Set<String> RESERVED = Set.of("id", "createdAt", "updatedAt");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    record Reason(String code, String message) {}

    /** One record's outcome: {@code created}, {@code updated} or {@code skipped} (with reasons). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Upserted(Integer id, String crmContactId, String status, List<Reason> reasons) {
        static Upserted skipped(String crmContactId, String code, String message) {
            return new Upserted(null, crmContactId, "skipped", List.of(new Reason(code, message)));
        }
    }

    private final Map<Integer, ObjectNode> byId = new ConcurrentSkipListMap<>();
    private final Map<String, Integer> idByEmail = new ConcurrentHashMap<>();
    private final Map<String, Integer> idByCrmContactId = new ConcurrentHashMap<>();
    private final AtomicInteger lastId = new AtomicInteger();
    private final ObjectMapper json;
    private final Clock clock;

    Contacts(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    Optional<ObjectNode> byCrmContactId(String crmContactId) {
        return Optional.ofNullable(idByCrmContactId.get(crmContactId)).map(byId::get).map(ObjectNode::deepCopy);
    }

    Optional<ObjectNode> byEmail(String email) {
        return Optional.ofNullable(idByEmail.get(key(email))).map(byId::get).map(ObjectNode::deepCopy);
    }

    synchronized void seed(int id, ObjectNode fields) {
        var contact = fields.deepCopy();
        contact.put("id", id);
        var now = clock.instant().toString();
        contact.put("createdAt", now);
        contact.put("updatedAt", now);
        store(contact);
        lastId.accumulateAndGet(id, Math::max);
    }

    /**
     * Creates or updates one contact. {@code lookupField} {@code email} or {@code crmContactId}
     * matches on that field only; null matches on crmContactId when the record has one, else email.
     */
    synchronized Upserted upsert(JsonNode record, String action, String lookupField) {
        if (!(record instanceof ObjectNode input)) {
            return Upserted.skipped(null, "1003", "each input record must be an object of fields");
        }
        var crmContactId = text(input, "crmContactId");
        var email = text(input, "email");
        for (var it = input.fields(); it.hasNext(); ) {
            var field = it.next();
            if (RESERVED.contains(field.getKey())) {
                return Upserted.skipped(crmContactId, "1003", "Field '" + field.getKey() + "' cannot be set");
            }
            if (field.getValue().isContainerNode()) {
                return Upserted.skipped(crmContactId, "1003", "Field '" + field.getKey() + "' must be a single value");
            }
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            return Upserted.skipped(crmContactId, "1003", "Invalid email address");
        }
        Integer existing;
        if ("email".equals(lookupField)) {
            if (email == null) {
                return Upserted.skipped(crmContactId, "1003", "Lookup field 'email' missing");
            }
            existing = idByEmail.get(key(email));
        } else if ("crmContactId".equals(lookupField)) {
            if (crmContactId == null) {
                return Upserted.skipped(null, "1003", "Lookup field 'crmContactId' missing");
            }
            existing = idByCrmContactId.get(crmContactId);
        } else {
            if (crmContactId == null && email == null) {
                return Upserted.skipped(null, "1003", "crmContactId or email is required");
            }
            existing = crmContactId != null ? idByCrmContactId.get(crmContactId) : null;
            if (existing == null && email != null) {
                existing = idByEmail.get(key(email));
            }
        }
        if (existing != null && "createOnly".equals(action)) {
            return Upserted.skipped(crmContactId, "1005", "Lead already exists");
        }
        if (existing == null && "updateOnly".equals(action)) {
            return Upserted.skipped(crmContactId, "1004", "Lead not found");
        }
        var now = clock.instant().toString();
        ObjectNode contact;
        if (existing != null) {
            contact = byId.get(existing).deepCopy();
            var linked = text(contact, "crmContactId");
            if (crmContactId != null && linked != null && !linked.equals(crmContactId)) {
                return Upserted.skipped(crmContactId, "1005", "Lead " + existing + " with this email belongs to another CRM contact");
            }
        } else {
            if (email == null) {
                return Upserted.skipped(crmContactId, "1003", "email is required to create a lead");
            }
            contact = json.createObjectNode();
            contact.put("id", lastId.get() + 1);
            contact.put("createdAt", now);
        }
        contact.setAll(input);
        contact.put("updatedAt", now);
        var owner = email == null ? null : idByEmail.get(key(email));
        if (owner != null && !owner.equals(contact.get("id").asInt())) {
            return Upserted.skipped(crmContactId, "1005", "Email is used by lead " + owner);
        }
        var ownerOfCrmId = crmContactId == null ? null : idByCrmContactId.get(crmContactId);
        if (ownerOfCrmId != null && !ownerOfCrmId.equals(contact.get("id").asInt())) {
            return Upserted.skipped(crmContactId, "1005", "crmContactId is used by lead " + ownerOfCrmId);
        }
        if (existing == null) {
            lastId.incrementAndGet();
        }
        store(contact);
        return new Upserted(contact.get("id").asInt(), text(contact, "crmContactId"),
                existing == null ? "created" : "updated", null);
    }

    /** Adds a contact known only by email (and perhaps the CRM id). */
    synchronized Upserted add(String crmContactId, String email) {
        var fields = json.createObjectNode().put("email", email);
        if (crmContactId != null && !crmContactId.isBlank()) {
            fields.put("crmContactId", crmContactId);
        }
        return upsert(fields, "createOnly", null);
    }

    private void store(ObjectNode contact) {
        int id = contact.get("id").asInt();
        var previous = byId.get(id);
        if (previous != null) {
            idByEmail.remove(key(text(previous, "email")));
            var crm = text(previous, "crmContactId");
            if (crm != null) {
                idByCrmContactId.remove(crm);
            }
        }
        byId.put(id, contact);
        idByEmail.put(key(text(contact, "email")), id);
        var crm = text(contact, "crmContactId");
        if (crm != null) {
            idByCrmContactId.put(crm, id);
        }
    }

    private static String text(ObjectNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static String key(String email) {
        return Objects.requireNonNullElse(email, "").trim().toLowerCase(Locale.ROOT);
    }
}
