package org.memberbus.finance.dues;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.memberbus.member.MembershipLevel;

/** A member's current membership as the CRM holds it: level, status and term. */
public record MemberTerm(MembershipLevel level, String status, LocalDate start, LocalDate end) {

    /** From a Contact's roll-ups (Membership_Level__c, _Status__c, _Start_Date__c, _End_Date__c). */
    public static MemberTerm ofContact(Map<?, ?> contact) {
        return new MemberTerm(level(contact.get("Membership_Level__c")), text(contact.get("Membership_Status__c")),
                date(contact.get("Membership_Start_Date__c")), date(contact.get("Membership_End_Date__c")));
    }

    /** From a Membership__c record (Level__c, Status__c, Start_Date__c, End_Date__c). */
    public static MemberTerm ofMembership(Map<?, ?> membership) {
        return new MemberTerm(level(membership.get("Level__c")), text(membership.get("Status__c")),
                date(membership.get("Start_Date__c")), date(membership.get("End_Date__c")));
    }

    /** Active with an end date: a renewal continues from it (also a day or two past it, before the nightly lapse). */
    public boolean active() {
        return "Active".equalsIgnoreCase(status) && end != null;
    }

    static MembershipLevel level(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return MembershipLevel.valueOf(value.toString().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static LocalDate date(Object value) {
        return value == null || value.toString().isBlank() ? null : LocalDate.parse(value.toString().substring(0, 10));
    }
}
