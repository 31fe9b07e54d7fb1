package org.memberbus.finance.dues;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A payment for a level change in the middle of a term: a succeeded payment intent with
 * {@code metadata.purpose=membership_change}, the member's {@code crm_contact_id} and the new
 * {@code level}. Its id makes applying it idempotent. {@code problem} is set when the metadata
 * cannot be applied (no CRM contact, no level): the payment is then held for staff.
 */
public record ChangePayment(String paymentId, String eventId, String contactId, String level, long amount,
                            String currency, String problem) {

    static final String PURPOSE = "membership_change";
    private static final Pattern CONTACT_ID = Pattern.compile("003[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");

    /** The level change paid in a Stripe event, or null when the event is not one. */
    public static ChangePayment of(Map<String, Object> event) {
        if (event == null || !"payment_intent.succeeded".equals(event.get("type"))
                || !(event.get("data") instanceof Map<?, ?> data) || !(data.get("object") instanceof Map<?, ?> intent)
                || !(intent.get("metadata") instanceof Map<?, ?> metadata) || !PURPOSE.equals(metadata.get("purpose"))
                || !(intent.get("id") instanceof String paymentId)) {
            return null;
        }
        var contact = metadata.get("crm_contact_id") instanceof String c ? c.trim() : null;
        var level = metadata.get("level") instanceof String l ? l.trim().toUpperCase(Locale.ROOT) : null;
        long amount = intent.get("amount") instanceof Number n ? n.longValue() : 0;
        var currency = intent.get("currency") == null ? null : intent.get("currency").toString().toUpperCase(Locale.ROOT);
        String problem = null;
        if (contact == null || !CONTACT_ID.matcher(contact).matches()) {
            problem = "the level change " + paymentId + " names no CRM contact (metadata crm_contact_id)";
            contact = null;
        } else if (MemberTerm.level(level) == null) {
            problem = "the level change " + paymentId + " names no membership level (metadata level: '" + level + "')";
        }
        return new ChangePayment(paymentId, String.valueOf(event.get("id")), contact, level, amount, currency, problem);
    }
}
