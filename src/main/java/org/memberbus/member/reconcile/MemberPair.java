package org.memberbus.member.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.memberbus.sync.LedgerEntry;
import org.memberbus.sync.SystemEntry;

/**
 * One member as the run found it: the CRM record (SOQL, CRM names), the community account (its
 * API's JSON), both also in canonical values, and the sync ledger's entry for it (null when the
 * ledger does not know the member).
 */
public record MemberPair(String memberId, String accountId, Map<String, Object> crmRecord, Map<String, Object> account,
                         Map<String, Object> crm, Map<String, Object> community, LedgerEntry ledger) {

    /** This member as the ledger holds it once linked, in one batch, with these agreed values. */
    MemberPair linked(Map<String, Object> agreed) {
        var systems = List.of(new SystemEntry("community", accountId, null, null), new SystemEntry("crm", memberId, null, null));
        return new MemberPair(memberId, accountId, crmRecord, account, crm, community,
                new LedgerEntry("member", memberId, agreed, Instant.now(), systems, List.of()));
    }
}
