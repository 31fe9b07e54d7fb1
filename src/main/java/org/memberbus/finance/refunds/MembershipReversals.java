package org.memberbus.finance.refunds;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.memberbus.crm.dto.Contact;
import org.memberbus.crm.dto.Membership__c;
import org.memberbus.member.renewal.CampaignCommand;
import org.memberbus.member.renewal.CrmRefusedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Undoing what a payment bought when the money goes back: a full refund, an ACH return after the
 * membership was granted, a lost dispute. As the nightly lapse does, the CRM's Membership__c and the
 * Contact's roll-up change together; the community follows through the CRM change path (Lapsed:
 * access restricted). A join's membership ends (yesterday, Lapsed); a renewal's term goes back to
 * where it ended before the renewal (Active if that is still ahead, else Lapsed). Decided once per
 * payment (membership_reversal), so a repeat applies the same dates.
 */
@Component
public class MembershipReversals {

    static final String ACTIVE = "Active";
    static final String LAPSED = "Lapsed";

    /** What to undo: the payment, whose it is, what it bought, why. */
    public record Reversal(String paymentIntentId, String contactId, String purpose, String cause, String termStart,
                           String reason) {}

    /** The membership before and after. */
    public record ReversalDecision(String paymentIntentId, String cause, String contactId, String membershipId,
                                   String previousStatus, LocalDate previousEnd, String newStatus, LocalDate newEnd,
                                   String email, String firstName, String reason) {}

    private final Clock clock;
    private final ZoneId zone;

    @Autowired
    public MembershipReversals(@Value("${memberbus.lifecycle.time-zone:UTC}") String zone) {
        this(Clock.systemUTC(), ZoneId.of(zone));
    }

    MembershipReversals(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public Reversal reversal(String paymentIntentId, String contactId, String purpose, String cause, String termStart,
                             String reason) {
        return new Reversal(paymentIntentId, contactId, purpose, cause, termStart, reason);
    }

    /**
     * The decision for {@code reversal}, from the member's latest Membership__c (SOQL answer with
     * Contact__r.Email, Contact__r.FirstName), the renewal the payment applied (membership_renewal
     * row, may be null) and a decision stored before (membership_reversal row, may be null). Null
     * when the member has no membership to undo.
     */
    public ReversalDecision decide(Reversal reversal, Map<String, Object> memberships, Object renewal, Object stored) {
        var records = Maps.records(memberships);
        if (records.isEmpty()) {
            return null;
        }
        var membership = records.get(0);
        var contact = Maps.map(membership.get("Contact__r"));
        String email = Maps.text(contact.get("Email"));
        String firstName = Maps.text(contact.get("FirstName"));
        if (stored instanceof Map<?, ?> row) {
            return new ReversalDecision(reversal.paymentIntentId(), reversal.cause(), reversal.contactId(),
                    Maps.text(row.get("membership_id")), Maps.text(row.get("previous_status")),
                    date(row.get("previous_end")), Maps.text(row.get("new_status")), date(row.get("new_end")), email,
                    firstName, reversal.reason());
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        String status = Maps.text(membership.get("Status__c"));
        LocalDate end = date(membership.get("End_Date__c"));
        LocalDate newEnd;
        if ("membership_renewal".equals(reversal.purpose()) || "renewal".equals(reversal.purpose())) {
            LocalDate before = renewal instanceof Map<?, ?> row ? date(row.get("previous_end")) : null;
            if (before == null && reversal.termStart() != null) {
                before = LocalDate.parse(reversal.termStart()).minusDays(1);
            }
            newEnd = before != null ? before : (end == null ? today.minusDays(1) : end.minusYears(1));
        } else {
            newEnd = today.minusDays(1);
        }
        String newStatus = newEnd.isBefore(today) ? LAPSED : ACTIVE;
        return new ReversalDecision(reversal.paymentIntentId(), reversal.cause(), reversal.contactId(),
                Maps.text(membership.get("Id")), status, end, newStatus, newEnd, email, firstName, reversal.reason());
    }

    /** The membership and the Contact's roll-up, in one sObject Collections call (both or neither). */
    public List<AbstractDescribedSObjectBase> crmUpdate(ReversalDecision decision) {
        var membership = new Membership__c();
        membership.setId(decision.membershipId());
        membership.setStatus__c(decision.newStatus());
        membership.setEnd_Date__c(decision.newEnd());
        var contact = new Contact();
        contact.setId(decision.contactId());
        contact.setMembership_Status__c(decision.newStatus());
        contact.setMembership_End_Date__c(decision.newEnd());
        return List.of(membership, contact);
    }

    /** Fails unless the CRM saved every record (a refusal goes to the dead letters with the reason). */
    public void requireSaved(List<SaveSObjectResult> results) {
        var failures = new ArrayList<String>();
        for (var result : results) {
            if (!Boolean.TRUE.equals(result.getSuccess())) {
                failures.add(result.getId() + ": " + result.getErrors());
            }
        }
        if (!failures.isEmpty()) {
            throw new CrmRefusedException("The CRM refused the membership reversal: " + String.join("; ", failures));
        }
    }

    /**
     * The member's notice that the payment failed after all and the membership it bought is undone:
     * the payment-failed campaign, once per payment (request id membership-reversed:<payment>).
     */
    public CampaignCommand notice(ReversalDecision decision) {
        var tokens = new LinkedHashMap<String, Object>();
        if (decision.firstName() != null) {
            tokens.put("firstName", decision.firstName());
        }
        tokens.put("reason", decision.reason());
        tokens.put("membershipStatus", decision.newStatus());
        tokens.put("membershipEndDate", decision.newEnd().toString());
        var body = new LinkedHashMap<String, Object>();
        body.put("campaign", "payment-failed");
        body.put("crmContactId", decision.contactId());
        if (decision.email() != null) {
            body.put("email", decision.email());
        }
        body.put("tokens", tokens);
        return new CampaignCommand("membership-reversed:" + decision.paymentIntentId(), decision.contactId(), body);
    }

    private static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        return LocalDate.parse(value.toString().substring(0, 10));
    }
}
