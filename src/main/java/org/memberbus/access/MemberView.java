package org.memberbus.access;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.memberbus.finance.dues.MemberTerm;

/**
 * What the bus knows of one member for access decisions, as the CRM last said it: the Contact's
 * membership and suspension fields ({@code contact} null when the CRM has no such contact) and
 * the member's certifications by record id. Immutable; a change makes a new view.
 */
record MemberView(Map<String, Object> contact, Map<String, Certification> certifications) {

    /** The Contact fields decisions use (and nothing personal). */
    static final Set<String> CONTACT_FIELDS = Set.of("Membership_Status__c", "Membership_Level__c",
            "Membership_Start_Date__c", "Membership_End_Date__c", "Community_Suspended__c", "Suspended_Until__c",
            "Suspension_Reason__c");

    static final MemberView NO_CONTACT = new MemberView(null, Map.of());

    /** A Certification__c: its program, status and expiry. */
    record Certification(String program, String status, LocalDate expires) {
        boolean activeOn(LocalDate day) {
            return "Active".equalsIgnoreCase(status) && (expires == null || !expires.isBefore(day));
        }
    }

    static MemberView ofContact(Map<?, ?> fields, Map<String, Certification> certifications) {
        return new MemberView(Map.copyOf(kept(fields, new HashMap<>())), Map.copyOf(certifications));
    }

    /** This view with the changed Contact fields (a null value clears a field). */
    MemberView withContactChanges(Map<String, Object> changes) {
        var merged = kept(changes, contact == null ? new HashMap<>() : new HashMap<>(contact));
        return new MemberView(Map.copyOf(merged), certifications);
    }

    MemberView withCertification(String id, Certification certification) {
        var next = new HashMap<>(certifications);
        if (certification == null) {
            next.remove(id);
        } else {
            next.put(id, certification);
        }
        return new MemberView(contact, Map.copyOf(next));
    }

    boolean exists() {
        return contact != null;
    }

    String status() {
        return text("Membership_Status__c");
    }

    MemberTerm term() {
        return contact == null ? null : MemberTerm.ofContact(contact);
    }

    boolean suspendedOn(LocalDate day) {
        if (contact == null || !Boolean.parseBoolean(String.valueOf(contact.get("Community_Suspended__c")))) {
            return false;
        }
        var until = suspendedUntil();
        return until == null || !until.isBefore(day);
    }

    LocalDate suspendedUntil() {
        var until = text("Suspended_Until__c");
        return until == null || until.isBlank() ? null : LocalDate.parse(until.substring(0, 10));
    }

    /** Holds an active certification in {@code program} (any program when null) on {@code day}. */
    boolean certified(String program, LocalDate day) {
        return certifications.values().stream()
                .anyMatch(c -> c.activeOn(day) && (program == null || program.equalsIgnoreCase(c.program())));
    }

    private String text(String field) {
        var value = contact == null ? null : contact.get(field);
        return value == null ? null : value.toString();
    }

    /** The fields decisions use; a map cannot hold null, so a cleared field is removed. */
    private static Map<String, Object> kept(Map<?, ?> from, Map<String, Object> into) {
        from.forEach((k, v) -> {
            var name = String.valueOf(k);
            if (CONTACT_FIELDS.contains(name)) {
                if (v == null) {
                    into.remove(name);
                } else {
                    into.put(name, v);
                }
            }
        });
        return into;
    }
}
