package org.memberbus.member.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.memberbus.member.MemberCommands.Command;
import org.memberbus.sync.Decision;
import org.memberbus.sync.SyncLedger.FieldValue;

/**
 * One reconciliation run as it goes: what it read from each system, the ledger's withheld values,
 * and what it decided and wrote, for the report. The route carries it in exchange property
 * {@code run}; members may be reconciled on several threads, so it counts under its lock.
 */
final class ReconciliationRun {

    private final Instant startedAt = Instant.now();
    private final long started = System.nanoTime();

    private final List<Map<String, Object>> crmRecords = new ArrayList<>();
    private final List<Map<String, Object>> accounts = new ArrayList<>();
    private Set<FieldValue> withheld = Set.of();
    private int salesforceCalls;
    private int communityReads;

    private int compared;
    private int onlyInCrm;
    private int onlyInCommunity;
    private int linked;
    private int caughtUp;
    private int failed;
    private int accessCorrections;
    private final Map<String, Integer> decisions = new TreeMap<>();
    private final Set<String> repaired = new HashSet<>();
    private final List<MemberCommand> queued = new ArrayList<>();
    private final Map<String, Map<String, Object>> crmUpdates = new LinkedHashMap<>();
    private final List<Map<String, Object>> tasks = new ArrayList<>();
    private int crmUpdated;
    private int crmFailed;
    private int tasksCreated;
    private int tasksFailed;

    // ---- what it read

    synchronized void crmPage(Collection<Map<String, Object>> records) {
        salesforceCalls++;
        crmRecords.addAll(records);
    }

    synchronized void communityPage(Collection<Map<String, Object>> page) {
        communityReads++;
        accounts.addAll(page);
    }

    synchronized List<Map<String, Object>> crmRecords() {
        return List.copyOf(crmRecords);
    }

    synchronized List<Map<String, Object>> accounts() {
        return List.copyOf(accounts);
    }

    synchronized void paired(int compared, int onlyInCrm, int onlyInCommunity, Set<FieldValue> withheld) {
        this.compared = compared;
        this.onlyInCrm = onlyInCrm;
        this.onlyInCommunity = onlyInCommunity;
        this.withheld = withheld;
    }

    synchronized boolean withheld(FieldValue value) {
        return withheld.contains(value);
    }

    // ---- what it decided, per member

    synchronized void linked(int members) {
        linked += members;
    }

    synchronized void caughtUp() {
        caughtUp++;
    }

    synchronized void failed() {
        failed++;
    }

    synchronized void decided(List<Decision> logged) {
        logged.forEach(d -> decisions.merge(d.decision().code(), 1, Integer::sum));
    }

    synchronized void accessCorrected() {
        accessCorrections++;
    }

    /**
     * A member's commands: the CRM's contact updates and staff tasks are gathered for sObject
     * Collections, everything else goes to the partner sinks' queues one by one.
     */
    synchronized void commands(String memberId, List<Command> commands) {
        for (var command : commands) {
            if (command.target().equals("crm") && command.operation().equals("updateSObject")
                    && command.path().equals("Contact/" + memberId)) {
                crmUpdates.computeIfAbsent(memberId, id -> new LinkedHashMap<>()).putAll(command.body());
                repaired.add(memberId);
            } else if (command.target().equals("crm") && command.operation().equals("upsertSObject")
                    && command.path().startsWith("Task/")) {
                // upserted 200 to a call by their key (sObject Collections carry it in the record)
                var task = new LinkedHashMap<String, Object>(command.body());
                task.put(command.externalIdField(), command.path().substring("Task/".length()));
                tasks.add(task);
            } else {
                queued.add(new MemberCommand(memberId, command));
                repaired.add(memberId);
            }
        }
    }

    synchronized List<MemberCommand> queued() {
        return List.copyOf(queued);
    }

    synchronized Map<String, Map<String, Object>> crmUpdates() {
        return new LinkedHashMap<>(crmUpdates);
    }

    synchronized List<Map<String, Object>> tasks() {
        return List.copyOf(tasks);
    }

    // ---- what the CRM answered

    synchronized void crmBatch(int updated, int failedRecords) {
        salesforceCalls++;
        crmUpdated += updated;
        crmFailed += failedRecords;
    }

    synchronized void crmNotSent(int records) {
        crmFailed += records;
    }

    synchronized void tasksNotSent(int records) {
        tasksFailed += records;
    }

    synchronized void taskBatch(int created, int failedRecords) {
        salesforceCalls++;
        tasksCreated += created;
        tasksFailed += failedRecords;
    }

    synchronized ReconciliationReport report() {
        var communityCommands = (int) queued.stream().filter(c -> c.command().target().equals("community")).count();
        return new ReconciliationReport(startedAt, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                new ReconciliationReport.Members(crmRecords.size(), accounts.size(), compared, onlyInCrm,
                        onlyInCommunity, linked, caughtUp, failed),
                new LinkedHashMap<>(decisions), repaired.size(),
                new ReconciliationReport.Writes(communityCommands, accessCorrections, crmUpdated, crmFailed,
                        tasksCreated, tasksFailed),
                new ReconciliationReport.ApiCalls(salesforceCalls, communityReads, communityCommands));
    }
}
