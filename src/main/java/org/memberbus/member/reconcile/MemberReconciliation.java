package org.memberbus.member.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.apache.camel.component.salesforce.api.utils.JsonUtils;
import org.memberbus.crm.dto.Contact;
import org.memberbus.crm.dto.Task;
import org.memberbus.member.MemberCommands;
import org.memberbus.member.MemberCommands.Command;
import org.memberbus.sync.MergeOutcome;
import org.memberbus.sync.SyncEngine;
import org.memberbus.sync.SyncLedger;
import org.memberbus.sync.SyncLedger.FieldValue;
import org.memberbus.sync.SystemEntry;
import org.memberbus.sync.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The member reconciliation's steps, as routes/member-reconciliation.camel.yaml calls them: it
 * gathers what the route read, compares each member's CRM record with the community account
 * against the sync ledger ({@link MemberDrift}), merges the drift through the sync engine (the
 * same rules as the real-time path), and turns the outcomes into commands and CRM batches. It
 * records in the ledger; it never sends.
 */
@Component("memberReconciliation")
public class MemberReconciliation {

    private static final Logger log = LoggerFactory.getLogger(MemberReconciliation.class);
    private static final String MEMBER = "member";
    private static final String CRM = "crm";
    private static final String COMMUNITY = "community";

    private final SyncEngine sync;
    private final SyncLedger ledger;
    private final MemberCommands commands;
    private final int batchSize;
    private final AtomicReference<ReconciliationRun> current = new AtomicReference<>();
    private final ObjectMapper dtos = JsonUtils.createObjectMapper();

    MemberReconciliation(SyncEngine sync, SyncLedger ledger, MemberCommands commands,
                         @Value("${memberbus.reconciliation.crm-batch-size:200}") int batchSize) {
        this.sync = sync;
        this.ledger = ledger;
        this.commands = commands;
        this.batchSize = Math.max(1, Math.min(200, batchSize)); // sObject Collections take up to 200
    }

    /** A new run, or null while another one is going in this instance. */
    public ReconciliationRun start() {
        var run = new ReconciliationRun();
        return current.compareAndSet(null, run) ? run : null;
    }

    /**
     * A run of one member's reconciliation (a gap event, an undelete): it does not wait for or
     * hold back the whole run, and reads only that member.
     */
    public ReconciliationRun startOne() {
        return new ReconciliationRun();
    }

    /**
     * Takes the one member's SOQL answer; answers the community account to read with it: the one
     * the CRM record names, else the one the ledger links (null when neither, or the CRM has no such
     * member: nothing to compare then).
     */
    @SuppressWarnings("unchecked")
    public String addCrmRecord(ReconciliationRun run, String memberId, Map<String, Object> page) {
        var records = (List<Map<String, Object>>) page.getOrDefault("records", List.of());
        run.crmPage(records);
        if (records.isEmpty()) {
            return null;
        }
        var named = (String) records.get(0).get("Community_Id__c");
        if (named != null) {
            return named;
        }
        var entry = ledger.describe(memberId, 0);
        return entry == null ? null : entry.systems().stream().filter(s -> s.system().equals(COMMUNITY))
                .map(SystemEntry::externalId).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Takes one community account as GET /api/v1/accounts/{id} answered it (a 404: there is none). */
    public void addCommunityAccount(ReconciliationRun run, int status, Map<String, Object> account) {
        run.communityPage(status == 200 && account != null ? List.of(account) : List.of());
    }

    /** Takes one SOQL page; answers the next page's URL, or null after the last. */
    @SuppressWarnings("unchecked")
    public String addCrmPage(ReconciliationRun run, Map<String, Object> page) {
        run.crmPage((List<Map<String, Object>>) page.getOrDefault("records", List.of()));
        return Boolean.TRUE.equals(page.get("done")) ? null : (String) page.get("nextRecordsUrl");
    }

    /** Takes one page of community accounts; answers the next page's number, or null after the last. */
    @SuppressWarnings("unchecked")
    public Integer addCommunityPage(ReconciliationRun run, Map<String, Object> page) {
        var data = (List<Map<String, Object>>) page.getOrDefault("data", List.of());
        run.communityPage(data);
        int number = ((Number) page.get("page")).intValue();
        long seen = (long) number * ((Number) page.get("size")).intValue() + data.size();
        return data.isEmpty() || seen >= ((Number) page.get("total")).longValue() ? null : number + 1;
    }

    /**
     * Pairs each CRM member with its community account (the account names its CRM contact; else
     * the contact names its account) and with the sync ledger's entry, read whole once.
     */
    public List<MemberPair> members(ReconciliationRun run) {
        var entries = ledger.entries(MEMBER);
        var withheld = ledger.withheldValues(MEMBER);
        var accounts = run.accounts();
        var byId = new HashMap<Object, Map<String, Object>>();
        var byContact = new HashMap<Object, Map<String, Object>>();
        for (var account : accounts) {
            byId.put(account.get("id"), account);
            if (account.get("crmContactId") != null) {
                byContact.put(account.get("crmContactId"), account);
            }
        }
        var pairs = new ArrayList<MemberPair>();
        var matched = new HashSet<Object>();
        int onlyInCrm = 0;
        for (var record : run.crmRecords()) {
            var memberId = (String) record.get("Id");
            var account = byContact.getOrDefault(memberId, byId.get(record.get("Community_Id__c")));
            if (account != null && account.get("crmContactId") != null && !memberId.equals(account.get("crmContactId"))) {
                account = null; // the contact names an account that names another contact: not this member's
            }
            if (account == null) {
                onlyInCrm++;
            } else if (matched.add(account.get("id"))) {
                pairs.add(new MemberPair(memberId, (String) account.get("id"), record, account,
                        sync.toCanonical(MEMBER, CRM, record), sync.toCanonical(MEMBER, COMMUNITY, account),
                        entries.get(memberId)));
            }
        }
        run.paired(pairs.size(), onlyInCrm, accounts.size() - matched.size(), withheld);
        return pairs;
    }

    /**
     * Links the members the ledger does not know yet in one batch, each with the values both
     * systems already hold as agreed, so that only what differs is merged (a first run links them
     * all). A member the batch leaves out is linked on its own, which says why it cannot be.
     */
    public List<MemberPair> linkNew(ReconciliationRun run, List<MemberPair> members) {
        var ids = new LinkedHashMap<String, String>();
        var shared = new HashMap<String, Map<String, Object>>();
        for (var member : members) {
            if (member.ledger() == null) {
                ids.put(member.memberId(), member.accountId());
                shared.put(member.memberId(), MemberDrift.between(member.crm(), member.community(), Map.of(),
                        MemberDrift.Withheld.NOTHING).agreedCatchUp());
            }
        }
        var crmNamed = new HashMap<String, Map<String, Object>>();
        shared.forEach((memberId, values) -> crmNamed.put(memberId, sync.fromCanonical(MEMBER, CRM, values)));
        var linked = sync.linkAll(MEMBER, COMMUNITY, ids, crmNamed);
        run.linked(linked.size());
        return members.stream().map(m -> linked.contains(m.memberId()) ? m.linked(shared.get(m.memberId())) : m).toList();
    }

    /**
     * Reconciles one member: links it if the ledger does not know it, lets the ledger catch up
     * with what both systems agree on, merges each side's drift, and keeps the resulting commands
     * in the run. A member that fails is counted and logged; the others go on.
     */
    public void reconcile(ReconciliationRun run, MemberPair member) {
        var memberId = member.memberId();
        var accountId = member.accountId();
        try {
            var linkedTo = member.ledger() == null ? null : member.ledger().systems().stream()
                    .filter(s -> s.system().equals(COMMUNITY)).map(SystemEntry::externalId)
                    .filter(Objects::nonNull).findFirst().orElse(null);
            if (linkedTo != null && !linkedTo.equals(accountId)) {
                throw new IllegalStateException("the ledger links it to community account " + linkedTo
                        + ", not to " + accountId);
            }
            var drift = MemberDrift.between(member.crm(), member.community(),
                    member.ledger() == null ? Map.of() : member.ledger().agreed(),
                    (system, field, value) -> run.withheld(new FieldValue(memberId, field, system, Values.text(value))));

            if (linkedTo == null) {
                sync.link(MEMBER, memberId, COMMUNITY, accountId);
                run.linked(1);
            }
            if (!drift.agreedCatchUp().isEmpty()) {
                sync.agree(MEMBER, memberId, CRM, null, sync.fromCanonical(MEMBER, CRM, drift.agreedCatchUp()));
                run.caughtUp();
            }
            var outcomes = new ArrayList<MergeOutcome>();
            if (!drift.crmChange().isEmpty()) {
                outcomes.add(sync.merge(MEMBER, memberId, CRM, null, sync.fromCanonical(MEMBER, CRM, drift.crmChange())));
            }
            if (!drift.communityChange().isEmpty()) {
                outcomes.add(sync.merge(MEMBER, memberId, COMMUNITY, null,
                        sync.fromCanonical(MEMBER, COMMUNITY, drift.communityChange()), member.crmRecord()));
            }
            var toSend = new ArrayList<Command>();
            for (var outcome : outcomes) {
                run.decided(outcome.loggedDecisions());
                toSend.addAll(commands.forOutcomeWithAccount(outcome, accountId));
            }
            // the access level is no synced field: it follows the CRM's membership, whatever the account says
            var access = commands.accessUpdate(accountId, member.crm());
            if (toSend.stream().noneMatch(c -> c.path().equals(access.path()))
                    && !Objects.equals(String.valueOf(access.body().get("accessLevel")),
                    String.valueOf(member.account().get("accessLevel")))) {
                toSend.add(access);
                run.accessCorrected();
            }
            run.commands(memberId, toSend);
        } catch (RuntimeException e) {
            run.failed();
            log.warn("Member {} (community account {}) not reconciled: {}", memberId, accountId, e.getMessage());
        }
    }

    /** The commands for the partner sinks' queues (the community's, and any not batched for the CRM). */
    public List<MemberCommand> queuedCommands(ReconciliationRun run) {
        return run.queued();
    }

    /** The CRM contact updates as sObject Collections bodies of up to 200 {@link Contact}s. */
    public List<List<Contact>> crmBatches(ReconciliationRun run) {
        var contacts = new ArrayList<Contact>();
        run.crmUpdates().forEach((memberId, fields) -> {
            var contact = dto(fields, Contact.class, run::crmNotSent);
            if (contact != null) {
                contact.setId(memberId);
                contacts.add(contact);
            }
        });
        return batches(contacts);
    }

    /** The staff tasks (proposed changes) as sObject Collections bodies of up to 200 {@link Task}s. */
    public List<List<Task>> taskBatches(ReconciliationRun run) {
        var tasks = new ArrayList<Task>();
        run.tasks().forEach(fields -> {
            var task = dto(fields, Task.class, run::tasksNotSent);
            if (task != null) {
                tasks.add(task);
            }
        });
        return batches(tasks);
    }

    /** The CRM's answer to one batch of contact updates, record by record in the order sent. */
    public void crmSaved(ReconciliationRun run, List<Contact> batch, List<?> results) {
        int saved = countSaved("contact update", batch, results);
        run.crmBatch(saved, batch.size() - saved);
    }

    /** The CRM's answer to one batch of staff tasks. */
    public void tasksSaved(ReconciliationRun run, List<Task> batch, List<?> results) {
        int saved = countSaved("task", batch, results);
        run.taskBatch(saved, batch.size() - saved);
    }

    /** A batch the CRM refused as a whole (limit, outage): counted; the next run repairs those members again. */
    public void batchFailed(ReconciliationRun run, List<? extends AbstractDescribedSObjectBase> batch, Exception error) {
        log.warn("Reconciliation: a batch of {} {} records failed: {}", batch.size(),
                batch.isEmpty() ? "" : batch.get(0).getAttributes().getType(), error.getMessage());
        if (!batch.isEmpty() && batch.get(0) instanceof Task) {
            run.taskBatch(0, batch.size());
        } else {
            run.crmBatch(0, batch.size());
        }
    }

    /** Ends the run: its report. */
    public ReconciliationReport finish(ReconciliationRun run) {
        release(run);
        return run.report();
    }

    /** Lets the next run start (also when this one failed half-way). */
    public void release(ReconciliationRun run) {
        if (run != null) {
            current.compareAndSet(run, null);
        }
    }

    private <T extends AbstractDescribedSObjectBase> T dto(Map<String, Object> fields, Class<T> type,
                                                           IntConsumer notSent) {
        var values = new LinkedHashMap<String, Object>();
        var toNull = new HashSet<String>();
        fields.forEach((name, value) -> {
            if (value == null) {
                toNull.add(name);
            } else {
                values.put(name, value);
            }
        });
        try {
            var dto = dtos.convertValue(values, type);
            if (!toNull.isEmpty()) {
                dto.setFieldsToNull(toNull);
            }
            return dto;
        } catch (IllegalArgumentException e) {
            log.warn("Reconciliation: a {} update cannot be sent: {}", type.getSimpleName(), e.getMessage());
            notSent.accept(1);
            return null;
        }
    }

    private int countSaved(String what, List<? extends AbstractDescribedSObjectBase> batch, List<?> results) {
        int saved = 0;
        for (int i = 0; i < results.size(); i++) {
            var result = results.get(i) instanceof SaveSObjectResult r ? r
                    : dtos.convertValue(results.get(i), SaveSObjectResult.class);
            if (Boolean.TRUE.equals(result.getSuccess())) {
                saved++;
            } else {
                var errors = result.getErrors() == null ? List.of() : result.getErrors().stream()
                        .map(e -> e.getErrorCode() + " " + e.getFields()).toList(); // codes, not values: no personal data
                log.warn("Reconciliation: {} {} refused by the CRM: {}", what,
                        i < batch.size() ? batch.get(i).getId() : "#" + i, errors);
            }
        }
        return saved;
    }

    private <T> List<List<T>> batches(List<T> records) {
        var batches = new ArrayList<List<T>>();
        for (int from = 0; from < records.size(); from += batchSize) {
            batches.add(List.copyOf(records.subList(from, Math.min(records.size(), from + batchSize))));
        }
        return batches;
    }
}
