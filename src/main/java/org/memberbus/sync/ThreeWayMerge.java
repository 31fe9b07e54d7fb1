package org.memberbus.sync;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The three-way merge of one change against the last agreed state, field by field, by the rules
 * of the object. Pure: no I/O, no clock; the ledger supplies the base and records the outcome.
 *
 * <p>The agreed values move only with changes that flow ({@code applied}). When a non-owner's
 * change loses, the agreed value stays, and when the owner moved without the bus having merged
 * that move yet ({@code crm_wins}), the owner's own change event will still flow it to every
 * system when it arrives.
 *
 * <p>A change older than the last one seen from its system is stale. One with that same version
 * was merged already: delivered again after a crash, its writes may never have been sent, so the
 * fields it decided on are merged again and their writes re-issued (they are idempotent); any
 * other field of it, like all of the echo of a write the bus made, is unchanged.
 */
final class ThreeWayMerge {

    /** A change from one system: its version and its changed fields, under canonical names and values. */
    record Change(SyncSystem source, String version, Map<String, Object> fields) {}

    /**
     * What the merge is against: the last agreed values, the owner's current values where they are
     * known to be fresher than the agreed ones (a field absent from it is taken to be the agreed
     * value), the last version seen from the change's system, and, when the change comes with
     * that very version, the fields the ledger logged a decision on under it.
     */
    record Base(Map<String, Object> agreed, Map<String, Object> ownerValues, String lastVersion,
                Set<String> decidedAtLastVersion) {

        static Base of(Map<String, Object> agreed, String lastVersion) {
            return new Base(agreed, Map.of(), lastVersion, Set.of());
        }

        boolean ownerValueKnown(String field) {
            return ownerValues.containsKey(field) || agreed.containsKey(field);
        }

        Object ownerValue(String field) {
            return ownerValues.containsKey(field) ? ownerValues.get(field) : agreed.get(field);
        }
    }

    private final ObjectRules rules;
    private final String systemOfRecord;

    ThreeWayMerge(ObjectRules rules, String systemOfRecord) {
        this.rules = rules;
        this.systemOfRecord = systemOfRecord;
    }

    MergeOutcome merge(String recordId, Base base, Change change, List<String> ignoredFields) {
        var order = change.version() == null || base.lastVersion() == null ? 1
                : change.source().versions().compare(change.version(), base.lastVersion());
        var stale = order < 0;
        var redelivered = order == 0;
        var result = new Result(recordId, change);
        var ignored = new ArrayList<>(ignoredFields);
        result.agreed.putAll(base.agreed());

        change.fields().forEach((field, incoming) -> {
            var rule = rules.field(field);
            if (rule == null) {
                ignored.add(field);
            } else if (stale) {
                result.decide(rule, base.ownerValue(field), incoming, base.agreed().get(field), DecisionKind.STALE,
                        change.source().name() + " version " + change.version() + " is older than "
                                + base.lastVersion() + ", the last seen; nothing applied");
            } else if (redelivered && !base.decidedAtLastVersion().contains(field)) {
                result.decide(rule, base.ownerValue(field), incoming, base.agreed().get(field), DecisionKind.UNCHANGED,
                        change.source().name() + " version " + change.version() + " was merged already");
            } else {
                mergeField(rule, incoming, base, redelivered, result);
            }
        });
        return result.outcome(stale, redelivered, ignored);
    }

    private void mergeField(FieldRule rule, Object incoming, Base base, boolean redelivered, Result result) {
        var field = rule.field();
        var source = result.source;
        var baseValue = base.agreed().get(field);

        if (source.equals(rule.owner())) {
            // (a redelivered change made this value the agreed one itself: its writes go out again)
            if (!redelivered && base.agreed().containsKey(field) && Values.same(incoming, baseValue)) {
                result.decide(rule, baseValue, incoming, baseValue, DecisionKind.UNCHANGED, "same as the agreed value");
                return;
            }
            var others = new ArrayList<String>();
            rule.names().keySet().stream().filter(system -> !system.equals(source)).sorted().forEach(system -> {
                result.write(system, rule, incoming);
                others.add(system);
            });
            result.agreed.put(field, Values.plain(incoming));
            result.decide(rule, baseValue, incoming, baseValue, DecisionKind.APPLIED, source + " owns " + field
                    + (others.isEmpty() ? "; no other system holds it" : "; flows to " + String.join(", ", others))
                    + (redelivered ? " (redelivered: sent again)" : ""));
            return;
        }

        var owner = rule.owner();
        var ownerValue = base.ownerValue(field);
        if (base.agreed().containsKey(field) && Values.same(incoming, baseValue)) {
            result.decide(rule, ownerValue, incoming, baseValue, DecisionKind.UNCHANGED, "same as the agreed value");
            return;
        }
        if (base.ownerValueKnown(field) && Values.same(incoming, ownerValue)) {
            // both moved to the same value; the owner's own change event will make it the agreed one.
            // When nothing was agreed for the field yet (a member's first sight, against the owner's
            // record just read), both systems holding it is the agreement: later changes merge against it.
            if (!base.agreed().containsKey(field)) {
                result.agreed.put(field, Values.plain(incoming));
            }
            result.decide(rule, ownerValue, incoming, baseValue, DecisionKind.UNCHANGED,
                    "already " + owner + "'s value");
            return;
        }
        if (base.ownerValueKnown(field) && base.agreed().containsKey(field) && !Values.same(ownerValue, baseValue)) {
            // a conflict: the owner's value wins (labelled crm_wins when the owner is the CRM)
            result.write(source, rule, ownerValue);
            var kind = owner.equals(systemOfRecord) ? DecisionKind.CRM_WINS : DecisionKind.CORRECTED;
            result.decide(rule, ownerValue, incoming, baseValue, kind, owner + " owns " + field
                    + " and changed it too since the agreed value: conflict; " + owner + "'s value wins and "
                    + source + " is corrected");
            return;
        }
        switch (rule.nonOwner()) {
            case CORRECT -> {
                if (!base.ownerValueKnown(field)) {
                    result.decide(rule, null, incoming, baseValue, DecisionKind.REJECTED, owner + " owns " + field
                            + " but its value is not known to the ledger yet, so there is nothing to correct "
                            + source + " to; not applied");
                } else {
                    result.write(source, rule, ownerValue);
                    result.decide(rule, ownerValue, incoming, baseValue, DecisionKind.CORRECTED, owner + " owns "
                            + field + " and only " + source + " changed it; " + source + " is set back to "
                            + owner + "'s value");
                }
            }
            case PROPOSE -> {
                result.proposals.add(new Proposal(rules.objectType(), result.recordId, field, rule.nameIn(owner),
                        source, ownerValue, incoming));
                result.decide(rule, ownerValue, incoming, baseValue, DecisionKind.PROPOSED, owner + " owns " + field
                        + " and only " + source + " changed it; proposed to " + owner + "'s staff, not written");
            }
            case REJECT -> result.decide(rule, ownerValue, incoming, baseValue, DecisionKind.REJECTED, owner
                    + " owns " + field + " and the rules reject changes from other systems; ignored");
        }
    }

    /** The outcome being built. */
    private final class Result {
        final String recordId;
        final String source;
        final String version;
        final Map<String, Object> crm = new LinkedHashMap<>();
        final Map<String, Map<String, Object>> others = new LinkedHashMap<>();
        final List<Proposal> proposals = new ArrayList<>();
        final Map<String, Object> agreed = new LinkedHashMap<>();
        final List<Decision> decisions = new ArrayList<>();

        Result(String recordId, Change change) {
            this.recordId = recordId;
            this.source = change.source().name();
            this.version = change.version();
        }

        void write(String system, FieldRule rule, Object value) {
            if (!rule.heldBy(system)) {
                return;
            }
            var target = system.equals(systemOfRecord) ? crm : others.computeIfAbsent(system, s -> new LinkedHashMap<>());
            target.put(rule.nameIn(system), rule.fromCanonical(system, value)); // the merge works in canonical values
        }

        void decide(FieldRule rule, Object old, Object incoming, Object base, DecisionKind kind, String reason) {
            decisions.add(new Decision(rules.objectType(), recordId, rule.field(), source, version, old, incoming,
                    base, kind, rule.label(), reason));
        }

        MergeOutcome outcome(boolean stale, boolean redelivered, List<String> ignored) {
            var systemUpdates = new LinkedHashMap<String, Map<String, Object>>();
            others.forEach((system, fields) -> systemUpdates.put(system, Collections.unmodifiableMap(fields)));
            return new MergeOutcome(rules.objectType(), recordId, source, version, stale, redelivered,
                    Collections.unmodifiableMap(crm), Collections.unmodifiableMap(systemUpdates),
                    List.copyOf(proposals), Collections.unmodifiableMap(agreed), List.copyOf(decisions),
                    List.copyOf(ignored));
        }
    }
}
