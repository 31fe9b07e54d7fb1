package org.memberbus.member.reconcile;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a reconciliation run found and changed: the answer of {@code direct:member-reconciliation}
 * (and of {@code POST /api/v1/jobs/reconciliation/run}), and its log line.
 *
 * @param decisions       the merge decisions it logged, per kind (applied, corrected, crm_wins, proposed, rejected)
 * @param membersRepaired members it wrote anything to the CRM or the community for
 */
public record ReconciliationReport(
        Instant startedAt,
        long tookMillis,
        Members members,
        Map<String, Integer> decisions,
        int membersRepaired,
        Writes writes,
        ApiCalls apiCalls) {

    /**
     * @param inCrm          CRM contacts with a member number
     * @param inCommunity    community accounts
     * @param compared       members found in both
     * @param onlyInCrm      members without a community account (the join flow opens those)
     * @param onlyInCommunity accounts no CRM member is linked to
     * @param linked         members the ledger did not know yet, linked by this run
     * @param ledgerCaughtUp members whose agreed values the ledger took from what both systems hold
     * @param failed         members that could not be reconciled (the log names them and why)
     */
    public record Members(int inCrm, int inCommunity, int compared, int onlyInCrm, int onlyInCommunity,
                          int linked, int ledgerCaughtUp, int failed) {}

    /**
     * @param communityCommands commands queued to the community (account updates and access)
     * @param accessCorrections of those, access levels set back to what the CRM's membership grants
     * @param crmUpdated        CRM contacts updated (sObject Collections)
     * @param crmFailed         CRM contacts whose update failed (the next run tries again)
     * @param tasksCreated      tasks for CRM staff (proposed changes)
     */
    public record Writes(int communityCommands, int accessCorrections, int crmUpdated, int crmFailed,
                         int tasksCreated, int tasksFailed) {}

    /** Partner API calls the run made: Salesforce REST calls, community pages read, community commands queued. */
    public record ApiCalls(int salesforce, int communityReads, int communityWrites) {}

    /** The run in one log line. */
    public String summary() {
        var decided = decisions.isEmpty() ? "no merge decisions" : decisions.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return "compared %d members (%d linked, %d caught up in the ledger, %d failed): %d repaired (%s); "
                .formatted(members.compared(), members.linked(), members.ledgerCaughtUp(), members.failed(),
                        membersRepaired, decided)
                + "CRM %d updated, %d failed, %d tasks; community %d commands (%d access); "
                .formatted(writes.crmUpdated(), writes.crmFailed(), writes.tasksCreated(), writes.communityCommands(),
                        writes.accessCorrections())
                + "API calls: Salesforce %d, community %d read + %d queued; %d ms"
                .formatted(apiCalls.salesforce(), apiCalls.communityReads(), apiCalls.communityWrites(), tookMillis);
    }
}
