package org.memberbus.member.renewal;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A payment the gateway reports that renews a membership: a one-off payment intent marked
 * {@code metadata.purpose=membership_renewal} (or the older {@code renewal}), or a dues
 * subscription's renewal invoice ({@code invoice.paid},
 * billing reason {@code subscription_cycle}, subscription metadata {@code type=dues}). Both name the
 * member by {@code crm_contact_id}. {@code paymentId} (the intent's or the invoice's id) is what
 * makes applying it idempotent. The checkout's {@code level}, {@code term_start} and {@code term_end}
 * (what the member was quoted) are kept when present, for the dues check.
 */
public record RenewalPayment(String paymentId, String eventId, String contactId, long amount, String currency,
                             String level, String termStart, String termEnd) {

    public RenewalPayment(String paymentId, String eventId, String contactId, long amount, String currency) {
        this(paymentId, eventId, contactId, amount, currency, null, null, null);
    }

    private static final Pattern CONTACT_ID = Pattern.compile("003[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");

    /** The renewal payment in a Stripe event, or null when the event is not one. */
    public static RenewalPayment of(Map<String, Object> event) {
        if (event == null || !(event.get("data") instanceof Map<?, ?> data) || !(data.get("object") instanceof Map<?, ?> object)) {
            return null;
        }
        var type = String.valueOf(event.get("type"));
        Map<?, ?> metadata = null;
        if (type.equals("payment_intent.succeeded")) {
            metadata = map(object.get("metadata"));
            var purpose = metadata == null ? null : metadata.get("purpose");
            if (!"membership_renewal".equals(purpose) && !"renewal".equals(purpose)) {
                return null;
            }
        } else if (type.equals("invoice.paid")) {
            if (!"subscription_cycle".equals(object.get("billing_reason"))) {
                return null; // a first invoice belongs to joining, not to renewing
            }
            var parent = map(object.get("parent"));
            var subscription = parent == null ? null : map(parent.get("subscription_details"));
            metadata = subscription == null ? null : map(subscription.get("metadata"));
            if (metadata == null || !"dues".equals(metadata.get("type"))) {
                return null;
            }
        } else {
            return null;
        }
        if (!(metadata.get("crm_contact_id") instanceof String contact) || !CONTACT_ID.matcher(contact).matches()
                || !(object.get("id") instanceof String paymentId)) {
            return null;
        }
        long amount = object.get(type.equals("invoice.paid") ? "amount_paid" : "amount") instanceof Number n ? n.longValue() : 0;
        var currency = object.get("currency") == null ? null : object.get("currency").toString();
        return new RenewalPayment(paymentId, String.valueOf(event.get("id")), contact, amount, currency,
                text(metadata.get("level")), text(metadata.get("term_start")), text(metadata.get("term_end")));
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : null;
    }
}
