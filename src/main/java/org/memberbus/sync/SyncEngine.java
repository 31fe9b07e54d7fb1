package org.memberbus.sync;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The sync engine as the routes call it: it computes and records, it never sends. A route reads
 * top to bottom: receive a change, {@link #merge}, then send {@code crmUpdates} to the CRM,
 * {@code updatesFor('community')} to the community and {@code proposals} to staff; after the bus
 * wrote to a system, {@link #agree} records what that system now holds and its new version.
 *
 * <p>Field names and values in and out are each system's own (as sync-rules.yaml maps them: names,
 * and {@code values}/{@code codec} where a system spells values differently), so a route passes a
 * Salesforce change event's fields or a community webhook's data as they came. Everything between,
 * the merge, the agreed values, decisions and proposals, is canonical: canonical field names, and
 * values as the CRM, the system of record, spells them.
 */
@Component
public class SyncEngine {

    private final SyncRules rules;
    private final SyncLedger ledger;
    private final SyncMetrics metrics;

    @Autowired
    SyncEngine(SyncRules rules, SyncLedger ledger, ObjectProvider<MeterRegistry> registry) {
        this(rules, ledger, registry.getIfAvailable());
    }

    SyncEngine(SyncRules rules, SyncLedger ledger, MeterRegistry registry) {
        this.rules = rules;
        this.ledger = ledger;
        this.metrics = new SyncMetrics(registry);
    }

    /**
     * Merges a change from {@code system} into the record (its CRM id) and records the outcome in
     * the ledger, all in one transaction, before returning it. Idempotent per system and version:
     * the same change delivered again returns its writes again and logs nothing twice.
     *
     * @param version        the change's version in its system (SystemModstamp, account version);
     *                       null when the system has none: then it is not checked for staleness
     * @param changedFields  the changed fields with their new values, under the system's names;
     *                       fields the rules do not know are ignored (listed in the outcome)
     */
    public MergeOutcome merge(String objectType, String recordId, String system, String version,
                              Map<String, Object> changedFields) {
        return merge(objectType, recordId, system, version, changedFields, null);
    }

    /**
     * As {@link #merge(String, String, String, String, Map)}, with the CRM's current values of the
     * record (CRM names, e.g. as a route just read them), which the merge trusts over the ledger's
     * agreed values to tell whether the CRM moved (a conflict, {@code crm_wins}).
     */
    public MergeOutcome merge(String objectType, String recordId, String system, String version,
                              Map<String, Object> changedFields, Map<String, Object> crmValues) {
        return merge(objectType, recordId, system, version, changedFields, crmValues, false);
    }

    /**
     * As {@link #merge(String, String, String, String, Map, Map)} for a whole record just read from
     * {@code system} rather than a change: every field is merged against the base even when that
     * version was merged before. (A first sight done again, after a crash or beside another first
     * sight of the member, has just agreed a newer base; the record must be held against it, or
     * the system would never be corrected to what the CRM changed since.)
     */
    public MergeOutcome mergeRecord(String objectType, String recordId, String system, String version,
                                    Map<String, Object> record, Map<String, Object> crmValues) {
        return merge(objectType, recordId, system, version, record, crmValues, true);
    }

    private MergeOutcome merge(String objectType, String recordId, String system, String version,
                               Map<String, Object> changedFields, Map<String, Object> crmValues, boolean wholeRecord) {
        var object = rules.object(objectType);
        var source = rules.system(system);
        var changeVersion = checkedVersion(source, version);
        var change = object.toCanonical(system, changedFields);
        var ownerValues = new LinkedHashMap<String, Object>();
        object.toCanonical(rules.systemOfRecord(), crmValues).values().forEach((field, value) -> {
            if (object.field(field).owner().equals(rules.systemOfRecord())) {
                ownerValues.put(field, value);
            }
        });
        var merge = new ThreeWayMerge(object, rules.systemOfRecord());
        var outcome = ledger.merge(objectType, recordId, ownIdOf(system, recordId), state -> {
            var lastVersion = state.lastVersion(system);
            var again = changeVersion != null && lastVersion != null
                    && source.versions().compare(changeVersion, lastVersion) == 0;
            if (again && wholeRecord) {
                return merge.merge(recordId, new ThreeWayMerge.Base(state.agreed(), ownerValues, null, Set.of()),
                        new ThreeWayMerge.Change(source, changeVersion, change.values()), change.unknown());
            }
            var decidedBefore = again ? ledger.fieldsDecidedAt(objectType, recordId, system, changeVersion)
                    : Set.<String>of();
            return merge.merge(recordId, new ThreeWayMerge.Base(state.agreed(), ownerValues, lastVersion, decidedBefore),
                    new ThreeWayMerge.Change(source, changeVersion, change.values()), change.unknown());
        });
        if (!outcome.redelivered()) { // counted the first time
            metrics.count(outcome.decisions());
        }
        return outcome;
    }

    /**
     * Records a write the bus itself made to {@code system}: the written values (that system's
     * names) become agreed, and {@code version}, the system's version after the write (null when
     * unknown), becomes the last seen unless a newer one was seen already. The write's echo then
     * arrives stale or unchanged instead of as a change.
     */
    public void agree(String objectType, String recordId, String system, String version,
                      Map<String, Object> writtenFields) {
        var object = rules.object(objectType);
        var target = rules.system(system);
        var writtenVersion = checkedVersion(target, version);
        var written = object.toCanonical(system, writtenFields).values();
        ledger.withRecord(objectType, recordId, state -> {
            if (writtenVersion != null && state.lastVersion(system) != null
                    && target.versions().compare(writtenVersion, state.lastVersion(system)) < 0) {
                return null; // a record read before a change merged since: it must not roll the base back
            }
            var agreed = new LinkedHashMap<>(state.agreed());
            written.forEach((field, value) -> agreed.put(field, Values.plain(value)));
            ledger.writeAgreed(objectType, recordId, agreed);
            var newer = writtenVersion != null && target.versions().isNewer(writtenVersion, state.lastVersion(system));
            ledger.writeSystem(objectType, recordId, system, ownIdOf(system, recordId), newer ? writtenVersion : null);
            return null;
        });
    }

    /** Links a record (its CRM id) to its id in another system, creating its ledger entry if new. */
    public void link(String objectType, String recordId, String system, String externalId) {
        rules.object(objectType);
        rules.system(system);
        var ids = new LinkedHashMap<String, String>();
        ids.put(rules.systemOfRecord(), recordId);
        ids.put(system, externalId);
        ledger.link(objectType, recordId, ids);
    }

    /**
     * Links, all at once, records the ledger does not know yet to their ids in {@code system}, each
     * with the values both systems are known to hold as its agreed values (under the system of
     * record's names): the first sight of many records, without merging what already agrees.
     * Answers the records linked; one the ledger has already, or whose id in {@code system} is
     * linked to another record, is left out (link those one by one, and see why).
     */
    public Set<String> linkAll(String objectType, String system, Map<String, String> externalIds,
                               Map<String, Map<String, Object>> agreedValues) {
        var object = rules.object(objectType);
        rules.system(system);
        var agreed = new LinkedHashMap<String, Map<String, Object>>();
        agreedValues.forEach((recordId, values) -> {
            var canonical = new LinkedHashMap<String, Object>();
            object.toCanonical(rules.systemOfRecord(), values).values()
                    .forEach((field, value) -> canonical.put(field, Values.plain(value)));
            agreed.put(recordId, canonical);
        });
        return externalIds.isEmpty() ? Set.of()
                : ledger.createLinked(objectType, rules.systemOfRecord(), system, externalIds, agreed);
    }

    /** The record's CRM id for {@code system}'s id of it, or null when the ledger has no such link. */
    public String recordIdOf(String objectType, String system, String externalId) {
        return ledger.recordIdOf(objectType, system, externalId).orElse(null);
    }

    /** A system's record or changed fields under canonical names and values (fields the rules do not know left out). */
    public Map<String, Object> toCanonical(String objectType, String system, Map<String, Object> systemValues) {
        rules.system(system);
        return rules.object(objectType).toCanonical(system, systemValues).values();
    }

    /** Canonical values under {@code system}'s names and in its spelling (fields it does not hold left out). */
    public Map<String, Object> fromCanonical(String objectType, String system, Map<String, Object> canonicalValues) {
        rules.system(system);
        return rules.object(objectType).fromCanonical(system, canonicalValues);
    }

    /** The systems the rules sync (for the status page's directions). */
    public java.util.Set<String> systems() {
        return rules.systemNames();
    }

    /**
     * Per canonical field of {@code objectType}: the system that owns it and the systems that hold
     * it (for "why is this not in sync", which compares what each system holds now).
     */
    public Map<String, FieldOwnership> ownership(String objectType) {
        var fields = new java.util.TreeMap<String, FieldOwnership>();
        rules.object(objectType).fields().forEach(f -> fields.put(f.field(), new FieldOwnership(f.owner(),
                rules.systemNames().stream().filter(f::heldBy).toList(), f.nonOwner().code())));
        return fields;
    }

    /** Who owns a field, who holds it, and what a non-owner's change of it leads to (correct, propose, reject). */
    public record FieldOwnership(String owner, java.util.List<String> heldBy, String nonOwner) {}

    /** The record id is the CRM's own id for it. */
    private String ownIdOf(String system, String recordId) {
        return system.equals(rules.systemOfRecord()) ? recordId : null;
    }

    private static String checkedVersion(SyncSystem system, String version) {
        if (version == null || version.isBlank()) {
            return null;
        }
        system.versions().compare(version, version); // fails now, with its reason, on a malformed version
        return version.trim();
    }
}
