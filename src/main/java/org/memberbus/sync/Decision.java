package org.memberbus.sync;

/**
 * The merge's decision on one field of one change: whose record, which field (canonical name),
 * which system's change it was, the owner's current value ({@code oldValue}), the incoming value
 * ({@code newValue}), the last agreed value ({@code baseValue}), what was decided, under which
 * rule, and why.
 */
public record Decision(
        String objectType,
        String recordId,
        String field,
        String system,
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
