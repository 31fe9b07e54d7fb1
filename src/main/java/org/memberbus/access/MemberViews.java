package org.memberbus.access;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.memberbus.crm.CrmChange;
import org.springframework.stereotype.Component;

/**
 * The bus's own view of each member for access decisions (status, level, term, suspension,
 * certifications), so a decision never waits for the CRM: kept fresh by the CRM's change events
 * (routes/access-decisions.camel.yaml, its own consumer group), a member not seen yet read from the
 * CRM once. In memory: it starts empty and fills by first sight, so a restart costs one read per
 * member asked about, and only changes from then on matter.
 *
 * <p>A change that arrives while a member's first read is under way is kept and applied over the
 * read's answer, so the newer value stays; a gap event or a delete makes the bus forget the member
 * (read again when next asked about), since it names records without their values.
 */
@Component("memberViews")
public class MemberViews {

    private final Map<String, MemberView> views = new ConcurrentHashMap<>();
    /** Members being read for the first time, with the changes seen meanwhile (null value: forget the read). */
    private final Map<String, Pending> reading = new HashMap<>();
    /** Certification__c id to its contact: an update names the record, not always its contact. */
    private final Map<String, String> certificationOwners = new ConcurrentHashMap<>();

    /** The newest CRM change event seen (its replay id): how far the view has caught up with the CRM. */
    private volatile long lastReplayId = -1;

    private static final class Pending {
        final Map<String, Object> changes = new HashMap<>();
        boolean stale;
    }

    /** The view of a member the bus has seen (null: not seen yet, read them first). */
    MemberView view(String contactId) {
        return views.get(contactId);
    }

    /** True when the member must be read from the CRM before a decision (not seen yet). */
    public boolean unknown(String contactId) {
        return !views.containsKey(contactId);
    }

    /** A first read of this member starts: changes from now on are kept for it. */
    public synchronized void reading(String contactId) {
        reading.putIfAbsent(contactId, new Pending());
    }

    /** The first read failed: nothing is learnt, the member is read again when next asked about. */
    public synchronized void abandon(String contactId) {
        reading.remove(contactId);
    }

    /**
     * The first read's answers (SOQL results: {@code records} lists): the Contact (none: no such
     * contact) and its certifications. Changes seen since {@link #reading} are applied over them.
     */
    public synchronized void learn(String contactId, Map<?, ?> contactQuery, Map<?, ?> certificationQuery) {
        var pending = reading.remove(contactId);
        if (views.containsKey(contactId)) {
            return; // a CREATE or another read got there first, and is at least as new
        }
        if (pending != null && pending.stale) {
            return; // a gap or delete came meanwhile: this answer may be older; read again next time
        }
        var contacts = records(contactQuery);
        if (contacts.isEmpty()) {
            views.put(contactId, MemberView.NO_CONTACT);
            return;
        }
        var certifications = new HashMap<String, MemberView.Certification>();
        for (var record : records(certificationQuery)) {
            var id = String.valueOf(record.get("Id"));
            certificationOwners.put(id, contactId);
            certifications.put(id, certification(record, null));
        }
        var view = MemberView.ofContact(contacts.get(0), certifications);
        if (pending != null && !pending.changes.isEmpty()) {
            view = view.withContactChanges(pending.changes);
        }
        views.put(contactId, view);
    }

    /** A CRM change: Contacts' membership and suspension fields, and Certification__c records. */
    public synchronized void apply(CrmChange change) {
        if (change == null || change.recordId() == null || change.entityName() == null) {
            return;
        }
        lastReplayId = Math.max(lastReplayId, change.replayId());
        String type = change.changeType() == null ? "" : change.changeType();
        Map<String, Object> fields = change.fields() == null ? Map.of() : change.fields();
        switch (change.entityName()) {
            case "Contact" -> applyToContact(change.recordId(), type, fields);
            case "Certification__c" -> applyToCertification(change.recordId(), type, fields);
            default -> { }
        }
    }

    private void applyToContact(String id, String type, Map<String, Object> fields) {
        var pending = reading.get(id);
        if (type.startsWith("GAP_") || type.equals("DELETE")) {
            views.remove(id);
            if (pending != null) {
                pending.stale = true;
            }
        } else if (type.equals("CREATE") || type.equals("UNDELETE")) {
            var before = views.get(id);
            views.put(id, MemberView.ofContact(fields, before == null ? Map.of() : before.certifications()));
        } else if (views.containsKey(id)) {
            views.computeIfPresent(id, (k, view) -> view.withContactChanges(fields));
        } else if (pending != null) {
            pending.changes.putAll(fields);
        }
        // a member not seen and not being read: read whole when first asked about
    }

    private void applyToCertification(String id, String type, Map<String, Object> fields) {
        var contactId = fields.get("Contact__c") != null ? String.valueOf(fields.get("Contact__c"))
                : certificationOwners.get(id);
        if (contactId == null) {
            return;
        }
        certificationOwners.put(id, contactId);
        if (type.startsWith("GAP_")) {
            views.remove(contactId);
            return;
        }
        views.computeIfPresent(contactId, (k, view) -> type.equals("DELETE") ? view.withCertification(id, null)
                : view.withCertification(id, certification(fields, view.certifications().get(id))));
    }

    private static MemberView.Certification certification(Map<?, ?> fields, MemberView.Certification before) {
        var program = fields.containsKey("Program__c") ? text(fields.get("Program__c")) : before == null ? null : before.program();
        var status = fields.containsKey("Status__c") ? text(fields.get("Status__c")) : before == null ? null : before.status();
        LocalDate expires = before == null ? null : before.expires();
        if (fields.containsKey("Expiration_Date__c")) {
            var value = text(fields.get("Expiration_Date__c"));
            expires = value == null || value.isBlank() ? null : LocalDate.parse(value.substring(0, 10));
        }
        return new MemberView.Certification(program, status, expires);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(Map<?, ?> query) {
        if (query == null || !(query.get("records") instanceof List<?> records)) {
            return List.of();
        }
        return records.stream().filter(Map.class::isInstance).map(r -> (Map<String, Object>) r).toList();
    }

    /** The Kafka key of a CRM change: the contact it is about where it names one, else the record. */
    public String keyOf(CrmChange change) {
        if (change.fields() != null && change.fields().get("Contact__c") != null) {
            return change.fields().get("Contact__c").toString();
        }
        var owner = certificationOwners.get(change.recordId());
        return owner != null ? owner : change.recordId();
    }

    /** The replay id of the newest CRM change applied (-1: none yet). */
    public long lastReplayId() {
        return lastReplayId;
    }

    int size() {
        return views.size();
    }
}
