package org.memberbus.sync;

/**
 * The merge's decision on one field of one change: whose record, which field (canonical name),
 * which system's change it was and its version, the value it would replace ({@code oldValue}: the
 * owner's current value, or for the owner's own change the agreed one), the incoming value
 * ({@code newValue}), the last agreed value ({@code baseValue}), what was decided, under which
 * rule, and why. Values are canonical (the CRM's spelling), whichever system sent the change.
 */
public record Decision(
        String objectType,
        String recordId,
        String field,
        String system,
        String version,
        Object oldValue,
        Object newValue,
        Object baseValue,
        DecisionKind decision,
        String rule,
        String reason) {

    /** A conflict: the owner and another system both moved since the agreed value. */
    public boolean conflict() {
        return decision == DecisionKind.CRM_WINS;
    }
}
