package org.memberbus.events;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.memberbus.finance.events.TicketPrice;

/**
 * An Association_Event__c as the CRM last said it: capacity, status, prices in minor units (the
 * CRM holds currency amounts), early-bird rates and the registration window.
 */
public record CrmEvent(String id, String name, LocalDate startDate, int capacity, String status, long memberPrice,
                       long nonMemberPrice, Long earlyBirdMember, Long earlyBirdNonMember, LocalDate earlyBirdUntil,
                       LocalDate registrationOpens, LocalDate registrationCloses, double ceuCredits, String webinarId) {

    /** An in-person event (no webinar). */
    public CrmEvent(String id, String name, LocalDate startDate, int capacity, String status, long memberPrice,
                    long nonMemberPrice, Long earlyBirdMember, Long earlyBirdNonMember, LocalDate earlyBirdUntil,
                    LocalDate registrationOpens, LocalDate registrationCloses, double ceuCredits) {
        this(id, name, startDate, capacity, status, memberPrice, nonMemberPrice, earlyBirdMember, earlyBirdNonMember,
                earlyBirdUntil, registrationOpens, registrationCloses, ceuCredits, null);
    }

    /** Held on the webinar platform (Webinar_Id__c set): registrants are pushed there, minutes pulled after. */
    public boolean webinar() {
        return webinarId != null && !webinarId.isBlank();
    }

    /** The one ticket type the CRM event describes. */
    public static final String STANDARD = "standard";

    public boolean cancelled() {
        return "Cancelled".equalsIgnoreCase(status);
    }

    /** The event's price table for EventFees: its standard ticket. */
    public Map<String, TicketPrice> priceTable() {
        return Map.of(STANDARD, new TicketPrice(memberPrice, nonMemberPrice,
                earlyBirdMember == null && earlyBirdNonMember == null ? null : earlyBirdUntil,
                earlyBirdMember, earlyBirdNonMember));
    }

    /** Why registration is closed on {@code day}, or null when it is open. */
    public String closedReason(LocalDate day) {
        if (cancelled()) {
            return "the event is cancelled";
        }
        if ("Completed".equalsIgnoreCase(status)) {
            return "the event is over";
        }
        if (registrationOpens != null && day.isBefore(registrationOpens)) {
            return "registration opens on " + registrationOpens;
        }
        if (registrationCloses != null && day.isAfter(registrationCloses)) {
            return "registration closed on " + registrationCloses;
        }
        if (startDate != null && day.isAfter(startDate)) {
            return "the event has started";
        }
        return null;
    }

    /** The community's event page for this event (PUT /api/v1/events/by-crm-id/{id}). */
    public Map<String, Object> communityPage() {
        var page = new LinkedHashMap<String, Object>();
        page.put("name", name);
        page.put("date", startDate == null ? null : startDate.toString());
        page.put("capacity", capacity);
        page.put("memberPrice", java.math.BigDecimal.valueOf(memberPrice, 2));
        page.put("nonMemberPrice", java.math.BigDecimal.valueOf(nonMemberPrice, 2));
        page.put("ceuCredits", ceuCredits);
        page.put("published", true);
        page.put("status", cancelled() ? "cancelled" : "scheduled");
        return page;
    }
}
