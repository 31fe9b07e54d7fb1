package org.memberbus.events;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.memberbus.finance.events.EventFee;
import org.memberbus.finance.events.EventFees;
import org.memberbus.finance.events.CrmStatusReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What a person may buy for an event and at what price, decided from the event as the catalogue
 * holds it and the person's membership status as memberStatusCache holds it (EventFees prices):
 * an active member the member rate, a lapsed member the non-member rate or the renewal bundle,
 * anyone else the non-member rate. No CRM call per request (one per member never seen before).
 */
@Component("eventOffers")
public class EventOffers {

    static final Pattern SALESFORCE_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");

    private final EventCatalogue catalogue;
    private final EventTicketTypes ticketTypes;
    private final EventFees fees;
    private final CrmStatusReader crm;
    private final Clock clock;

    @Autowired
    EventOffers(EventCatalogue catalogue, EventTicketTypes ticketTypes, EventFees fees, CrmMemberStatusReader crm) {
        this(catalogue, ticketTypes, fees, crm, Clock.systemUTC());
    }

    EventOffers(EventCatalogue catalogue, EventTicketTypes ticketTypes, EventFees fees, CrmStatusReader crm, Clock clock) {
        this.catalogue = catalogue;
        this.ticketTypes = ticketTypes;
        this.fees = fees;
        this.crm = crm;
        this.clock = clock;
    }

    public Map<String, Object> offer(String eventId, String member, String ticketType, String date) {
        if (eventId == null || !SALESFORCE_ID.matcher(eventId).matches()) {
            throw new EventsApiException(400, "eventId must be a CRM event id (15 or 18 letters and digits)");
        }
        if (member != null && !member.isEmpty() && !SALESFORCE_ID.matcher(member).matches()) {
            throw new EventsApiException(400, "member must be a CRM contact id (15 or 18 letters and digits)");
        }
        LocalDate day;
        try {
            day = date == null || date.isEmpty() ? LocalDate.now(clock) : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new EventsApiException(400, "date must be an ISO date (yyyy-mm-dd)");
        }
        var event = event(eventId);
        var type = ticketType == null || ticketType.isEmpty() ? CrmEvent.STANDARD : ticketType;
        // the standard ticket and the event's ticket types (Event_Ticket_Type__c), all from memory
        var table = new java.util.LinkedHashMap<>(event.priceTable());
        table.putAll(ticketTypes.prices(event.id()));
        if (!table.containsKey(type)) {
            throw new EventsApiException(400, "no ticket type '" + type + "' (the event sells " + table.keySet() + ")");
        }
        EventFee fee = fees.price(table, type, member == null || member.isEmpty() ? null : member, day, crm);
        var answer = new LinkedHashMap<String, Object>();
        answer.put("eventId", event.id());
        answer.put("eventName", event.name());
        answer.put("member", member == null || member.isEmpty() ? null : member);
        answer.put("membershipStatus", fee.membershipStatus());
        var closed = event.closedReason(day);
        answer.put("canRegister", closed == null);
        answer.put("reason", closed);
        answer.put("ticketType", fee.ticketType());
        answer.put("offer", fee.renewalBundleOffered() ? "renewal-bundle" : fee.rate().endsWith("non-member") ? "non-member" : "member");
        answer.put("amount", fee.amount());
        answer.put("currency", "usd");
        answer.put("rate", fee.rate());
        answer.put("earlyBird", fee.earlyBird());
        if (fee.renewalBundleOffered()) {
            answer.put("renewalBundle", Map.of("ticketAmount", fee.memberAmountWithRenewal(),
                    "description", "renew the membership and pay the member rate for the ticket"));
        }
        answer.put("capacity", event.capacity());
        return answer;
    }

    CrmEvent event(String eventId) {
        if (eventId == null || !SALESFORCE_ID.matcher(eventId).matches()) {
            throw new EventsApiException(400, "eventId must be a CRM event id (15 or 18 letters and digits)");
        }
        return catalogue.find(eventId).orElseThrow(() -> new EventsApiException(404, "no event " + eventId));
    }
}
