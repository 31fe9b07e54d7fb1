package org.memberbus.finance.events;

import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Prices an event ticket (issue 9, for the events flow to call): the ticket type's member or
 * non-member rate from the price table given, the early-bird rate up to its date, the rate decided
 * by the member's status in the CRM as {@link MemberStatusCache} holds it. Active members pay the
 * member rate; a lapsed member pays the non-member rate and is offered the renewal bundle (renew
 * and pay the member rate); anyone else (pending, archived, not a contact) the non-member rate.
 * Computes only.
 */
@Component("eventFees")
public class EventFees {

    private final MemberStatusCache statuses;

    public EventFees(MemberStatusCache statuses) {
        this.statuses = statuses;
    }

    /**
     * @param table     ticket type to its prices (the event's own price table)
     * @param contactId the buyer's CRM contact id, null for a guest
     * @param date      the day the ticket is bought (the early-bird date is the last day of its rate)
     * @param crm       reads a member the cache has not seen yet, once
     */
    public EventFee price(Map<String, TicketPrice> table, String ticketType, String contactId, LocalDate date,
                          CrmStatusReader crm) {
        TicketPrice prices = table.get(ticketType);
        if (prices == null) {
            throw new IllegalArgumentException("no ticket type '" + ticketType + "' (the event sells " + table.keySet() + ")");
        }
        String status = contactId == null ? null : statuses.statusOf(contactId, crm).orElse(null);
        boolean early = prices.earlyBirdUntil() != null && !date.isAfter(prices.earlyBirdUntil());
        long member = early && prices.earlyBirdMember() != null ? prices.earlyBirdMember() : prices.member();
        long nonMember = early && prices.earlyBirdNonMember() != null ? prices.earlyBirdNonMember() : prices.nonMember();
        if ("Active".equalsIgnoreCase(status)) {
            return new EventFee(ticketType, member, early ? "early-bird member" : "member", early, status, false, null);
        }
        boolean lapsed = "Lapsed".equalsIgnoreCase(status);
        return new EventFee(ticketType, nonMember, early ? "early-bird non-member" : "non-member", early, status,
                lapsed, lapsed ? member : null);
    }
}
