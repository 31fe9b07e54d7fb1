package org.memberbus.member.reconcile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.memberbus.sync.Values;

/**
 * How one member's CRM record and community account differ, field by field, against the values
 * the sync ledger last agreed for them (all canonical). Only fields both systems hold are compared.
 * <ul>
 * <li>{@code agreedCatchUp}: both hold the same value, which the ledger does not have as agreed
 *     (a member it never saw whole, or a correction it did not record): the ledger catches up,
 *     nothing is written;</li>
 * <li>{@code crmChange}: only the CRM moved from the agreed value (a change event the bus missed):
 *     merged as the CRM's change;</li>
 * <li>{@code communityChange}: the community moved, or no agreed value tells which side did:
 *     merged as the community's change against the CRM's current record, as on first sight.</li>
 * </ul>
 * A value the ledger has already withheld (proposed to staff or rejected) is not merged again, so
 * a pending proposal is raised once, not on every run.
 */
record MemberDrift(Map<String, Object> agreedCatchUp, Map<String, Object> crmChange,
                   Map<String, Object> communityChange) {

    /** Whether the ledger withheld {@code system}'s value of a field already. */
    @FunctionalInterface
    interface Withheld {
        boolean test(String system, String field, Object value);

        Withheld NOTHING = (system, field, value) -> false;
    }

    static MemberDrift between(Map<String, Object> crm, Map<String, Object> community, Map<String, Object> agreed,
                               Withheld withheld) {
        var catchUp = new LinkedHashMap<String, Object>();
        var crmChange = new LinkedHashMap<String, Object>();
        var communityChange = new LinkedHashMap<String, Object>();
        community.forEach((field, communityValue) -> {
            if (!crm.containsKey(field)) {
                return; // not read from the CRM: nothing to compare with
            }
            var crmValue = crm.get(field);
            if (Values.same(crmValue, communityValue)) {
                if (!Values.same(agreed.get(field), crmValue)) {
                    catchUp.put(field, crmValue);
                }
            } else if (agreed.containsKey(field) && Values.same(agreed.get(field), communityValue)) {
                if (!withheld.test("crm", field, crmValue)) {
                    crmChange.put(field, crmValue);
                }
            } else if (!withheld.test("community", field, communityValue)) {
                communityChange.put(field, communityValue);
            }
        });
        return new MemberDrift(Collections.unmodifiableMap(catchUp), Collections.unmodifiableMap(crmChange),
                Collections.unmodifiableMap(communityChange));
    }

    boolean drifted() {
        return !crmChange.isEmpty() || !communityChange.isEmpty();
    }
}
