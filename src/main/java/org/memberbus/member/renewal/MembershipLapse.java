package org.memberbus.member.renewal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.memberbus.crm.dto.Contact;
import org.memberbus.crm.dto.Membership__c;
import org.memberbus.member.renewal.LapseRun.Change;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The rules of the nightly lapse, as the member-lapse route calls them (computes, never sends).
 * A membership past its end date is Lapsed; one whose end date is more than the grace period ago
 * is Archived (also straight from Active, when the lapse was never run in between).
 *
 * <p>The Contact's roll-up ({@code Membership_Status__c}, what the community follows) and the
 * Membership__c record are read by two queries and changed record by record, each where it is
 * behind: a run that saved one but not the other is completed by the next night's run.
 */
@Component("membershipLapse")
public class MembershipLapse {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipLapse.class);

    private final LifecycleSettings settings;
    private final Clock clock;

    @Autowired
    MembershipLapse(LifecycleSettings settings) {
        this(settings, Clock.systemUTC());
    }

    MembershipLapse(LifecycleSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The changes due today, from the rows of the Contact query (Id, Email, FirstName,
     * Membership_Status__c, Membership_End_Date__c) and of the Membership__c query (Id, Contact__c,
     * Status__c, End_Date__c). A member's Contact comes just before their membership, so one
     * member's records travel in the same batch where they can.
     */
    public LapseRun plan(List<Map<String, Object>> contacts, List<Map<String, Object>> memberships) {
        var today = settings.today(clock);
        var byContact = new LinkedHashMap<String, List<Change>>();
        for (var row : contacts) {
            var end = MembershipRenewal.date(row.get("Membership_End_Date__c"));
            var from = MembershipRenewal.text(row.get("Membership_Status__c"));
            var to = statusOn(today, from, end);
            if (to != null) {
                var id = MembershipRenewal.text(row.get("Id"));
                byContact.computeIfAbsent(id, k -> new ArrayList<>()).add(new Change("Contact", id, id, from, to, end,
                        MembershipRenewal.text(row.get("Email")), MembershipRenewal.text(row.get("FirstName"))));
            }
        }
        for (var row : memberships) {
            var end = MembershipRenewal.date(row.get("End_Date__c"));
            var from = MembershipRenewal.text(row.get("Status__c"));
            var to = statusOn(today, from, end);
            if (to != null) {
                var contact = MembershipRenewal.text(row.get("Contact__c"));
                byContact.computeIfAbsent(contact, k -> new ArrayList<>()).add(new Change("Membership__c",
                        MembershipRenewal.text(row.get("Id")), contact, from, to, end, null, null));
            }
        }
        var changes = new ArrayList<Change>();
        byContact.values().forEach(changes::addAll);
        return new LapseRun(today, changes);
    }

    /** The status a membership must have today, or null when it already has it. */
    String statusOn(LocalDate today, String status, LocalDate end) {
        if (end == null || !end.isBefore(today)) {
            return null;
        }
        boolean pastGrace = end.isBefore(today.minusDays(settings.graceDays()));
        if (MembershipRenewal.ACTIVE.equalsIgnoreCase(status)) {
            return pastGrace ? MembershipRenewal.ARCHIVED : MembershipRenewal.LAPSED;
        }
        if (MembershipRenewal.LAPSED.equalsIgnoreCase(status) && pastGrace) {
            return MembershipRenewal.ARCHIVED;
        }
        return null;
    }

    /** The changes as sObject Collections bodies of at most {@code collection-size} records. */
    public List<List<AbstractDescribedSObjectBase>> batches(LapseRun run) {
        var batches = new ArrayList<List<AbstractDescribedSObjectBase>>();
        var batch = new ArrayList<AbstractDescribedSObjectBase>();
        for (var change : run.changes()) {
            if (batch.size() == settings.collectionSize()) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
            batch.add(record(change));
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private static AbstractDescribedSObjectBase record(Change change) {
        if (change.isContact()) {
            var contact = new Contact();
            contact.setId(change.recordId());
            contact.setMembership_Status__c(change.toStatus());
            return contact;
        }
        var membership = new Membership__c();
        membership.setId(change.recordId());
        membership.setStatus__c(change.toStatus());
        return membership;
    }

    /** Takes in the CRM's answer to one batch (results in the order of the records sent). */
    public void saved(LapseRun run, List<AbstractDescribedSObjectBase> batch, List<SaveSObjectResult> results) {
        for (int i = 0; i < batch.size(); i++) {
            var id = batch.get(i).getId();
            var result = i < results.size() ? results.get(i) : null;
            if (result != null && Boolean.TRUE.equals(result.getSuccess())) {
                run.saved(id);
            } else {
                var reason = result == null ? "no result" : String.join("; ", CrmSaves.failures(List.of(result)));
                run.failed(id, reason);
                LOG.warn("Lapse: the CRM did not save {} ({}); the next run tries again", id, reason);
            }
        }
    }

    /**
     * For every member whose Contact the CRM now says Lapsed: the lapse notice and the start of the
     * reactivation campaign, keyed by member and end date (a term lapses once).
     */
    public List<CampaignCommand> campaigns(LapseRun run) {
        var commands = new ArrayList<CampaignCommand>();
        for (var change : run.changes()) {
            if (change.isContact() && run.isSaved(change) && change.toStatus().equals(MembershipRenewal.LAPSED)) {
                var tokens = new LinkedHashMap<String, Object>();
                tokens.put("firstName", change.firstName());
                tokens.put("membershipEndDate", String.valueOf(change.endDate()));
                tokens.put("archiveDate", String.valueOf(change.endDate().plusDays(settings.graceDays() + 1L)));
                var key = change.contactId() + ":" + change.endDate();
                commands.add(MembershipRenewal.command("lapse-notice", "lapse-notice:" + key, change.contactId(),
                        change.email(), tokens));
                commands.add(MembershipRenewal.command("reactivation", "reactivation:" + key, change.contactId(),
                        change.email(), tokens));
            }
        }
        return commands;
    }

    /** lapsed and archived members (by their Contact), membership records changed, records refused. */
    public Map<String, Long> counts(LapseRun run) {
        long lapsed = 0;
        long archived = 0;
        long memberships = 0;
        for (var change : run.changes()) {
            if (!run.isSaved(change)) {
                continue;
            }
            if (!change.isContact()) {
                memberships++;
            } else if (change.toStatus().equals(MembershipRenewal.LAPSED)) {
                lapsed++;
            } else {
                archived++;
            }
        }
        var counts = new LinkedHashMap<String, Long>();
        counts.put("lapsed", lapsed);
        counts.put("archived", archived);
        counts.put("membershipRecords", memberships);
        counts.put("refused", (long) run.failures().size());
        return counts;
    }
}
