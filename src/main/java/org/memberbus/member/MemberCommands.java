package org.memberbus.member;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memberbus.sync.MergeOutcome;
import org.memberbus.sync.Proposal;
import org.memberbus.sync.SyncLedger;
import org.springframework.stereotype.Component;

/**
 * Turns a merge outcome for a member into the commands the partner sinks deliver: the community
 * account's update (and its access level, which always follows the CRM membership), the CRM
 * contact's update, and a task for staff per proposed change. Computes only; the route sends.
 */
@Component("memberCommands")
public class MemberCommands {

    /** A request for one partner: HTTP method and path (community) or sObject operation (CRM). */
    public record Command(String target, String operation, String path, Map<String, Object> body) {

        /** The external-id field an upsert names (header {@code sObjectIdName}); null for other operations. */
        public String externalIdField() {
            return operation.equals("upsertSObject") ? TASK_KEY_FIELD : null;
        }
    }

    /** The Task's external id: a proposal is upserted by its key, so a merge done again adds no second Task. */
    public static final String TASK_KEY_FIELD = "Bus_Key__c";

    private final SyncLedger ledger;

    MemberCommands(SyncLedger ledger) {
        this.ledger = ledger;
    }

    public List<Command> forOutcome(MergeOutcome outcome) {
        return forOutcomeWithAccount(outcome, outcome.hasUpdatesFor("community") ? communityIdOf(outcome.recordId()) : null);
    }

    /** As {@link #forOutcome(MergeOutcome)}, for a member whose community account id the caller knows. */
    public List<Command> forOutcomeWithAccount(MergeOutcome outcome, String account) {
        var commands = new ArrayList<Command>();
        if (outcome.hasUpdatesFor("community")) {
            var updates = outcome.updatesFor("community");
            commands.add(new Command("community", "PATCH", "/api/v1/accounts/" + account, updates));
            if (updates.containsKey("membershipStatus") || updates.containsKey("level")) {
                commands.add(new Command("community", "PUT", "/api/v1/accounts/" + account + "/access",
                        Map.of("accessLevel", accessFor(crmView(outcome)))));
            }
        }
        if (outcome.hasCrmUpdates()) {
            commands.add(new Command("crm", "updateSObject", "Contact/" + outcome.recordId(), outcome.crmUpdates()));
        }
        for (Proposal p : outcome.proposals()) {
            var task = new LinkedHashMap<String, Object>();
            task.put("WhoId", outcome.recordId());
            task.put("Subject", "Proposed change from " + p.fromSystem() + ": " + p.field());
            task.put("Status", "Not Started");
            task.put("Priority", "Normal");
            task.put("Description", p.crmField() + ": '" + p.currentValue() + "' -> '" + p.proposedValue() + "'");
            commands.add(new Command("crm", "upsertSObject", "Task/" + proposalKey(p), task));
        }
        return commands;
    }

    /**
     * The same proposal (member, field, system, value) always has the same key: a change merged
     * twice (a fact consumed again after a crash, a reconciliation run after a webhook) keeps one
     * Task for staff, not two.
     */
    static String proposalKey(Proposal p) {
        var text = String.join("\u001f", p.recordId(), p.crmField(), p.fromSystem(), String.valueOf(p.proposedValue()));
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "proposal-" + java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets the community account's access to what a membership (canonical status and level) grants. */
    public Command accessUpdate(String communityId, Map<String, Object> membership) {
        return new Command("community", "PUT", "/api/v1/accounts/" + communityId + "/access",
                Map.of("accessLevel", accessFor(membership)));
    }

    /**
     * True when the sync ledger has no entry for the member yet, or its first sight was begun and
     * not done (the bus died in it): the change is reconciled whole.
     */
    public boolean isNew(String memberId) {
        return ledger.describe(memberId, 0) == null || ledger.firstSightPending("member", memberId);
    }

    public void firstSightBegins(String memberId) {
        ledger.firstSightBegins("member", memberId);
    }

    public void firstSightDone(String memberId) {
        ledger.firstSightDone("member", memberId);
    }

    /**
     * The membership as the CRM has it, as far as this merge knows: the agreed values, over which
     * each decision on the status or level puts the CRM's value (the CRM's own change, or, for
     * another system's change, the CRM's current value the merge held it against - on a member's
     * first sight the only place it is, as a corrected field does not become agreed).
     */
    static Map<String, Object> crmView(MergeOutcome outcome) {
        var view = new java.util.HashMap<String, Object>(outcome.agreed());
        for (var decision : outcome.decisions()) {
            if ((!decision.field().equals("status") && !decision.field().equals("level"))
                    || decision.decision() == org.memberbus.sync.DecisionKind.STALE) {
                continue;
            }
            var crmValue = decision.system().equals("crm") ? decision.newValue() : decision.oldValue();
            if (crmValue != null) {
                view.put(decision.field(), crmValue);
            }
        }
        return view;
    }

    /** The community access a membership in this state gets; agreed values are canonical (CRM spelling). */
    static AccessLevel accessFor(Map<String, Object> agreed) {
        var status = enumOf(MembershipStatus.class, agreed.get("status"));
        var level = enumOf(MembershipLevel.class, agreed.get("level"));
        if (status == null) {
            return AccessLevel.NONE;
        }
        return CommunityAccount.accessFor(new Membership(null, level == null ? MembershipLevel.ASSOCIATE : level,
                status, java.time.LocalDate.MIN, java.time.LocalDate.MAX, null));
    }

    private String communityIdOf(String recordId) {
        var entry = ledger.describe(recordId, 0);
        return entry == null ? null : entry.systems().stream().filter(s -> s.system().equals("community"))
                .map(s -> s.externalId()).findFirst().orElse(null);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toString().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
