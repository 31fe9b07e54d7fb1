package org.memberbus.finance.dues;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.memberbus.crm.dto.Contact;
import org.memberbus.crm.dto.Membership__c;
import org.springframework.stereotype.Component;

/**
 * The rules of a paid level change (upgrade) in the middle of a term, as route
 * finance-dues-change calls them: which events are one, the decision, and the CRM records.
 * Computes only. The community follows the CRM's new level through the member sync.
 */
@Component("duesChanges")
public class DuesChanges {

    /** The level change in a gateway event, or null when the event is not one. */
    public ChangePayment payment(Map<String, Object> event) {
        return ChangePayment.of(event);
    }

    /**
     * The decision: the one stored for this payment when there is one (a payment is decided once),
     * else from the CRM's newest Membership__c ({@code query}) and the level paid for.
     */
    public ChangeDecision decide(ChangePayment payment, Map<String, Object> query, Map<String, Object> stored) {
        if (stored != null) {
            return new ChangeDecision(payment.paymentId(), payment.contactId(), text(stored.get("membership_id")),
                    text(stored.get("from_level")), text(stored.get("to_level")));
        }
        var records = query == null ? null : (List<?>) query.get("records");
        if (records == null || records.isEmpty() || !(records.get(0) instanceof Map<?, ?> membership)) {
            throw new IllegalStateException("The CRM holds no membership for contact " + payment.contactId()
                    + " (level change " + payment.paymentId() + ")");
        }
        var from = MemberTerm.level(membership.get("Level__c"));
        return new ChangeDecision(payment.paymentId(), payment.contactId(), text(membership.get("Id")),
                from == null ? null : from.name(), payment.level());
    }

    /** The membership's and the contact's level, for one sObject Collections call (allOrNone). */
    public List<AbstractDescribedSObjectBase> crmUpdate(ChangeDecision decision) {
        var spelling = crmSpelling(decision.toLevel());
        var membership = new Membership__c();
        membership.setId(decision.membershipId());
        membership.setLevel__c(spelling);
        var contact = new Contact();
        contact.setId(decision.contactId());
        contact.setMembership_Level__c(spelling);
        return List.of(membership, contact);
    }

    /** The payment as a CRM Payment__c linked to the contact (upserted by Gateway_Payment_Id__c). */
    public Map<String, Object> paymentRecord(ChangePayment payment) {
        var record = new LinkedHashMap<String, Object>();
        record.put("Contact__c", payment.contactId());
        record.put("Amount__c", BigDecimal.valueOf(payment.amount(),
                Currency.getInstance(payment.currency()).getDefaultFractionDigits()));
        record.put("Currency__c", payment.currency());
        record.put("Status__c", "Succeeded");
        record.put("Type__c", "Dues");
        return record;
    }

    /** How the CRM spells a level: {@code Fellow}. */
    static String crmSpelling(String level) {
        var lower = level.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
