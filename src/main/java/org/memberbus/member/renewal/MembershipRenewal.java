package org.memberbus.member.renewal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.memberbus.crm.dto.Contact;
import org.memberbus.crm.dto.Membership__c;
import org.memberbus.finance.dues.DuesQuote;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The rules of renewing a membership, as the member-renewal routes call them (computes, never
 * sends): which gateway events are renewal payments, the new term a payment buys, the CRM records
 * that say so, and the campaigns that tell the member.
 *
 * <p>A renewal of an active membership continues its term: the new end date is the old one plus
 * the term, so paying early loses nothing (a membership past its end date that the nightly lapse
 * has not yet lapsed is still active, and continues the same way). A lapsed or archived
 * membership is reactivated: a new term starts today and ends a term later, less a day.
 */
@Component("membershipRenewal")
public class MembershipRenewal {

    public static final String ACTIVE = "Active";
    public static final String LAPSED = "Lapsed";
    public static final String ARCHIVED = "Archived";

    private final LifecycleSettings settings;
    private final Clock clock;

    @Autowired
    MembershipRenewal(LifecycleSettings settings) {
        this(settings, Clock.systemUTC());
    }

    MembershipRenewal(LifecycleSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The renewal payment in a gateway (Stripe) event, or null when the event is not one. */
    public RenewalPayment payment(Map<String, Object> event) {
        return RenewalPayment.of(event);
    }

    /**
     * The term a payment buys. {@code query} is the CRM's answer for the member's current
     * Membership__c (newest end date first); {@code stored} the decision already taken for this
     * payment (a row of {@code membership_renewal}), which is kept: a payment is decided once.
     */
    public RenewalDecision decide(RenewalPayment payment, Map<String, Object> query, Map<String, Object> stored) {
        return decide(payment, query, stored, null);
    }

    /**
     * As {@link #decide(RenewalPayment, Map, Map)}, with the term the payment bought as the dues
     * check quoted it (finance.dues.DuesCheck); without a quote, one term as before.
     */
    public RenewalDecision decide(RenewalPayment payment, Map<String, Object> query, Map<String, Object> stored,
                                  DuesQuote bought) {
        var records = query == null ? null : (List<?>) query.get("records");
        if (records == null || records.isEmpty() || !(records.get(0) instanceof Map<?, ?> membership)) {
            throw new IllegalStateException("The CRM holds no membership for contact " + payment.contactId()
                    + " (renewal payment " + payment.paymentId() + ")");
        }
        var contact = membership.get("Contact__r") instanceof Map<?, ?> c ? c : Map.of();
        var email = text(contact.get("Email"));
        var firstName = text(contact.get("FirstName"));
        if (stored != null) {
            return new RenewalDecision(payment.paymentId(), payment.contactId(), text(stored.get("membership_id")),
                    text(stored.get("previous_status")), date(stored.get("previous_end")), date(stored.get("new_start")),
                    date(stored.get("new_end")), Boolean.TRUE.equals(stored.get("reactivated")), email, firstName);
        }
        var status = text(membership.get("Status__c"));
        var end = date(membership.get("End_Date__c"));
        var today = settings.today(clock);
        boolean continues = ACTIVE.equalsIgnoreCase(status) && end != null;
        LocalDate newStart = continues ? end.plusDays(1) : today;
        LocalDate newEnd = continues ? end.plus(settings.term()) : today.plus(settings.term()).minusDays(1);
        if (bought != null) {
            newStart = bought.termStart();
            newEnd = bought.termEnd();
        }
        boolean reactivated = LAPSED.equalsIgnoreCase(status) || ARCHIVED.equalsIgnoreCase(status);
        return new RenewalDecision(payment.paymentId(), payment.contactId(), text(membership.get("Id")), status, end,
                newStart, newEnd, reactivated, email, firstName);
    }

    /**
     * The membership and its roll-ups on the Contact, for one sObject Collections call (both or
     * neither: send with {@code allOrNone}).
     */
    public List<AbstractDescribedSObjectBase> crmUpdate(RenewalDecision decision) {
        var membership = new Membership__c();
        membership.setId(decision.membershipId());
        membership.setStatus__c(ACTIVE);
        membership.setStart_Date__c(decision.newStart());
        membership.setEnd_Date__c(decision.newEnd());
        var contact = new Contact();
        contact.setId(decision.contactId());
        contact.setMembership_Status__c(ACTIVE);
        contact.setMembership_Start_Date__c(decision.newStart());
        contact.setMembership_End_Date__c(decision.newEnd());
        return List.of(membership, contact);
    }

    /**
     * The renewal's dues payment as a CRM Payment__c, linked to the contact (upserted by
     * Gateway_Payment_Id__c, the payment's id, which is left out here).
     */
    public Map<String, Object> paymentRecord(RenewalPayment payment, RenewalDecision decision) {
        var record = new LinkedHashMap<String, Object>();
        record.put("Contact__c", decision.contactId());
        // what it paid for (finance, issue 9)
        if (decision.membershipId() != null) {
            record.put("Membership__c", decision.membershipId());
        }
        record.put("Amount__c", java.math.BigDecimal.valueOf(payment.amount(),
                java.util.Currency.getInstance(payment.currency().toUpperCase(java.util.Locale.ROOT)).getDefaultFractionDigits()));
        record.put("Currency__c", payment.currency().toUpperCase(java.util.Locale.ROOT));
        record.put("Status__c", "Succeeded");
        record.put("Type__c", "Dues");
        return record;
    }

    /** The confirmation: one per payment; a reactivation says so in its tokens. */
    public CampaignCommand confirmation(RenewalDecision decision) {
        var tokens = new LinkedHashMap<String, Object>();
        tokens.put("firstName", decision.firstName());
        tokens.put("membershipEndDate", decision.newEnd().toString());
        tokens.put("reactivated", decision.reactivated());
        return command("renewal-confirmation", "renewal-confirmation:" + decision.paymentId(), decision.contactId(),
                decision.email(), tokens);
    }

    /** A renewal notice for a Contact row of the notice query: once per member and membership term. */
    public CampaignCommand renewalNotice(Map<String, Object> contact) {
        var id = text(contact.get("Id"));
        var end = text(contact.get("Membership_End_Date__c"));
        var tokens = new LinkedHashMap<String, Object>();
        tokens.put("firstName", text(contact.get("FirstName")));
        tokens.put("membershipEndDate", end);
        tokens.put("level", text(contact.get("Membership_Level__c")));
        return command("renewal-notice", "renewal-notice:" + id + ":" + end, id, text(contact.get("Email")), tokens);
    }

    /** Fails unless the CRM saved every record (a refusal is not retried: it goes to the dead letters). */
    public void requireSaved(List<SaveSObjectResult> results) {
        var failures = CrmSaves.failures(results);
        if (!failures.isEmpty()) {
            throw new CrmRefusedException("The CRM refused the renewal: " + String.join("; ", failures));
        }
    }

    static CampaignCommand command(String campaign, String requestId, String contactId, String email,
                                   Map<String, Object> tokens) {
        var body = new LinkedHashMap<String, Object>();
        body.put("campaign", campaign);
        body.put("crmContactId", contactId);
        if (email != null) {
            body.put("email", email);
        }
        body.put("tokens", tokens);
        return new CampaignCommand(requestId, contactId, body);
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(value.toString().substring(0, 10));
    }
}
