package org.memberbus.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One person's place at an event as the bus decided it: registered, or waitlisted with a position,
 * or offered a freed seat until an expiry; keyed by the payment that paid for it.
 */
public record Registration(String key, String crmEventId, String contactId, String paymentId, long amount,
                           String status, Integer waitlistPosition, Instant offerExpiresAt) {

    public static final String REGISTERED = "Registered";
    public static final String WAITLISTED = "Waitlisted";
    public static final String OFFERED = "Offered";
    public static final String REMINDED = "Reminded";
    public static final String EXPIRED = "Expired";
    public static final String DECLINED = "Declined";
    public static final String CANCELLED = "Cancelled";

    /** The Event_Registration__c as the CRM should hold it (upserted by Registration_Key__c). */
    public Map<String, Object> crmRecord() {
        var record = new LinkedHashMap<String, Object>();
        record.put("Contact__c", contactId);
        record.put("Association_Event__c", crmEventId);
        record.put("Status__c", status);
        record.put("Amount__c", java.math.BigDecimal.valueOf(amount, 2));
        record.put("Waitlist_Position__c", waitlistPosition);
        record.put("Offer_Expires_At__c", offerExpiresAt == null ? null : offerExpiresAt.toString());
        record.put("Gateway_Payment_Id__c", paymentId);
        return record;
    }

    /** The community's roster entry: it knows REGISTERED, WAITLISTED and CANCELLED. */
    public Map<String, Object> rosterEntry() {
        var entry = new LinkedHashMap<String, Object>();
        entry.put("crmContactId", contactId);
        entry.put("status", switch (status) {
            case REGISTERED -> "REGISTERED";
            case WAITLISTED, OFFERED, REMINDED -> "WAITLISTED";
            default -> "CANCELLED";
        });
        entry.put("price", java.math.BigDecimal.valueOf(amount, 2));
        return entry;
    }

    /** The fact registration.created / registration.changed on Kafka, keyed by the member. */
    public Map<String, Object> fact(String type) {
        var fact = new LinkedHashMap<String, Object>();
        fact.put("type", type);
        fact.put("registrationKey", key);
        fact.put("crmContactId", contactId);
        fact.put("crmEventId", crmEventId);
        fact.put("status", status);
        fact.put("waitlistPosition", waitlistPosition);
        fact.put("amount", amount);
        fact.put("at", Instant.now().toString());
        return fact;
    }

    /** The marketing campaign that tells the member about this state, or null when none does. */
    public String campaign() {
        return switch (status) {
            case REGISTERED -> "event-confirmation";
            case WAITLISTED -> "event-waitlisted";
            case OFFERED -> "waitlist-spot";
            case REMINDED -> "event-offer-reminder";
            case EXPIRED -> "event-offer-expired";
            default -> null;
        };
    }

    /**
     * Whether the bus refunds the fee in full now: the person paid but never got a seat (their
     * offer expired or they declined it). A registered member who cancels asks for a refund on
     * the community, decided by the refund policy (POST /api/v1/refunds).
     */
    public boolean refundDue() {
        return (EXPIRED.equals(status) || DECLINED.equals(status)) && paymentId != null && amount > 0;
    }

    /** The gateway refund (form body) of the whole payment; its Idempotency-Key is {@link #refundKey()}. */
    public String refundForm() {
        var reason = switch (status) {
            case EXPIRED -> "offer_expired";
            case DECLINED -> "offer_declined";
            default -> "event_cancelled";
        };
        return "payment_intent=" + paymentId + "&reason=requested_by_customer&metadata[purpose]=event_fee"
                + "&metadata[crm_contact_id]=" + contactId + "&metadata[event_id]=" + crmEventId
                + "&metadata[bus_reason]=" + reason;
    }

    public String refundKey() {
        return "event-refund-" + paymentId;
    }

    /** The campaign command's body and its request id (one per registration and state: sent once). */
    public Map<String, Object> campaignCommand() {
        var tokens = new LinkedHashMap<String, Object>();
        tokens.put("{{my.eventId}}", crmEventId);
        tokens.put("{{my.status}}", status);
        if (waitlistPosition != null) {
            tokens.put("{{my.waitlistPosition}}", waitlistPosition);
        }
        if (offerExpiresAt != null) {
            tokens.put("{{my.offerExpiresAt}}", offerExpiresAt.toString());
        }
        return Map.of("campaign", campaign(), "crmContactId", contactId, "tokens", tokens);
    }

    /** The campaign telling the person the event is cancelled and the fee refunded. */
    public Map<String, Object> cancelledCampaign() {
        return Map.of("campaign", "event-cancelled", "crmContactId", contactId,
                "tokens", Map.of("{{my.eventId}}", crmEventId, "{{my.refundAmount}}", amount));
    }

    public String campaignRequestId() {
        return "event-registration:" + key + ":" + status + (offerExpiresAt == null ? "" : ":" + offerExpiresAt.getEpochSecond());
    }
}
