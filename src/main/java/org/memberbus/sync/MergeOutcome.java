package org.memberbus.sync;

import java.util.List;
import java.util.Map;

/**
 * What one change led to, already recorded in the ledger when the engine returns it; a route
 * splits on it:
 * <ul>
 * <li>{@code crmUpdates}: fields to write to the CRM, under the CRM's names (changes flowing to it
 *     from the system that owns them, or the CRM set back to an owner's value);</li>
 * <li>{@code systemUpdates}: per other system, fields to write to it under its own names (CRM
 *     changes flowing on, and corrections of a change the rules did not accept), in its own spelling
 *     of values ({@code values}/{@code codec} in sync-rules.yaml);</li>
 * <li>{@code proposals}: changes for the CRM's staff, never written around the CRM;</li>
 * <li>{@code agreed}: the record's new agreed values (canonical names and values), the next merge's base;</li>
 * <li>{@code decisions}: one per changed field, unchanged ones included (only those are not logged);</li>
 * <li>{@code ignoredFields}: fields of the change that the rules do not know (system's names).</li>
 * </ul>
 * {@code stale}: the change is older than the last one seen from its system, nothing applied.
 * {@code redelivered}: the change's version was merged already (a redelivery after a crash, or the
 * echo of the bus's own write): its writes are issued again, idempotent, and nothing is logged twice.
 */
public record MergeOutcome(
        String objectType,
        String recordId,
        String system,
        String version,
        boolean stale,
        boolean redelivered,
        Map<String, Object> crmUpdates,
        Map<String, Map<String, Object>> systemUpdates,
        List<Proposal> proposals,
        Map<String, Object> agreed,
        List<Decision> decisions,
        List<String> ignoredFields) {

    /** Fields to write to {@code system} (its names); empty when there is nothing for it. */
    public Map<String, Object> updatesFor(String system) {
        return systemUpdates.getOrDefault(system, Map.of());
    }

    public boolean hasCrmUpdates() {
        return !crmUpdates.isEmpty();
    }

    public boolean hasUpdatesFor(String system) {
        return !updatesFor(system).isEmpty();
    }

    public boolean hasProposals() {
        return !proposals.isEmpty();
    }

    /**
     * One line for the log: the change and what became of each field, by name and decision only
     * (never a value: they are personal data), e.g. {@code community 17: employer proposed, bio applied}.
     */
    public String summary() {
        var fields = decisions.stream().map(d -> d.field() + " " + d.decision().name().toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.joining(", "));
        return system + " " + version + (stale ? " (stale)" : "") + (redelivered ? " (again)" : "") + ": "
                + (fields.isEmpty() ? "nothing to merge" : fields);
    }

    /** What the ledger logs: the decisions not skipped as unchanged, none for a redelivery. */
    public List<Decision> loggedDecisions() {
        return redelivered ? List.of()
                : decisions.stream().filter(d -> d.decision() != DecisionKind.UNCHANGED).toList();
    }
}
