package org.memberbus.finance.events;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.memberbus.crm.CrmChange;
import org.springframework.stereotype.Component;

/**
 * Each member's membership status as the CRM last said it, for pricing event tickets without a CRM
 * call per request: kept fresh by the CRM's change events (routes/finance-event-fees.camel.yaml,
 * its own consumer group), filled at start by one paged query of all contacts (a contact made
 * since arrives as a change event), a member still not known read from the CRM once. In memory.
 */
@Component("memberStatusCache")
public class MemberStatusCache {

    /** Stands for "the CRM has no such contact" (a map cannot hold null). */
    static final String NONE = "";

    private final Map<String, String> statuses = new ConcurrentHashMap<>();

    /**
     * A CRM change: a Contact whose Membership_Status__c changed takes the new value; a deleted
     * one is forgotten (read again if asked about after an undelete). Other changes leave it alone.
     */
    public void apply(CrmChange change) {
        if (change == null || !"Contact".equals(change.entityName()) || change.recordId() == null) {
            return;
        }
        String type = change.changeType() == null ? "" : change.changeType();
        if (type.endsWith("DELETE")) {
            statuses.remove(change.recordId());
        } else if (change.fields() != null && change.fields().containsKey("Membership_Status__c")) {
            Object status = change.fields().get("Membership_Status__c");
            statuses.put(change.recordId(), status == null ? NONE : status.toString());
        }
    }

    /**
     * The member's status (empty when the CRM has no such contact or no status). Concurrent
     * requests for a member not seen yet wait for the one read; a change event arriving meanwhile
     * is applied after it, so the newer value stays.
     */
    public Optional<String> statusOf(String contactId, CrmStatusReader crm) {
        String status = statuses.computeIfAbsent(contactId, id -> {
            String read = crm.membershipStatus(id);
            return read == null ? NONE : read;
        });
        return status.isEmpty() ? Optional.empty() : Optional.of(status);
    }

    /**
     * Every contact's status from a query of all contacts (records with {@code Id} and
     * {@code Membership_Status__c}), read once at start so that a price is answered from memory and
     * not by a CRM read on the request's thread. A status a change event already set is kept: it
     * is newer than the query's.
     */
    public void warm(java.util.List<com.fasterxml.jackson.databind.JsonNode> contacts) {
        for (var contact : contacts) {
            String id = contact.path("Id").asText(null);
            if (id != null) {
                var status = contact.path("Membership_Status__c");
                statuses.putIfAbsent(id, status.isNull() || status.isMissingNode() ? NONE : status.asText());
            }
        }
    }

    int size() {
        return statuses.size();
    }
}
