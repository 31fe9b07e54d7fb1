package org.memberbus.sync;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the merge decided for one field of one change; {@link #code()} is how the ledger and the API spell it. */
public enum DecisionKind {
    /** the owner's change, or a change by the system that owns the field: flows on to the others */
    APPLIED,
    /** the CRM owns the field and moved since the agreed value too: its value wins, the source is corrected (a conflict) */
    CRM_WINS,
    /** only a non-owner moved and the rule is {@code correct}: the source is set back to the owner's value */
    CORRECTED,
    /** only a non-owner moved and the rule is {@code propose}: a proposal for the CRM's staff, nothing written */
    PROPOSED,
    /** only a non-owner moved and the rule is {@code reject}: ignored, recorded */
    REJECTED,
    /** the change's version is not newer than the last one seen from its system: nothing applied */
    STALE,
    /** the value is already the agreed (or the owner's) one: skipped, not logged */
    UNCHANGED,
    /** the CRM deleted the record, or merged it into another: archived, its other systems' records unlinked */
    ARCHIVED,
    /** the CRM restored (undeleted) an archived record: linked again */
    RESTORED;

    @JsonValue
    public String code() {
        return name().toLowerCase();
    }

    public static DecisionKind ofCode(String code) {
        for (var kind : values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown decision '" + code + "' (applied, crm_wins, corrected, "
                + "proposed, rejected, stale, unchanged, archived, restored)");
    }
}
