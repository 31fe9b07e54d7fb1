package org.memberbus.member.renewal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One night's lapse run: every record whose membership status must change, and, once the CRM has
 * answered, which of them it saved. The route keeps it in a property while it sends the batches.
 */
public final class LapseRun {

    /**
     * One record to change: a Contact (its membership roll-up, what members see) or a
     * Membership__c. {@code contactId} is the member either way.
     */
    public record Change(String sObject, String recordId, String contactId, String fromStatus, String toStatus,
                         LocalDate endDate, String email, String firstName) {
        boolean isContact() {
            return sObject.equals("Contact");
        }
    }

    private final LocalDate today;
    private final List<Change> changes;
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Map<String, Boolean> saved = new ConcurrentHashMap<>();

    LapseRun(LocalDate today, List<Change> changes) {
        this.today = today;
        this.changes = List.copyOf(changes);
    }

    public LocalDate today() {
        return today;
    }

    public List<Change> changes() {
        return changes;
    }

    void saved(String recordId) {
        saved.put(recordId, true);
    }

    void failed(String recordId, String reason) {
        failures.put(recordId, reason);
    }

    boolean isSaved(Change change) {
        return saved.containsKey(change.recordId());
    }

    /** record id → the CRM's reason, for every record it refused. */
    public Map<String, String> failures() {
        return Map.copyOf(failures);
    }
}
