package org.memberbus.member.reconcile;

import java.util.Map;
import org.memberbus.sync.LedgerEntry;

/**
 * One member as the run found it: the CRM record (SOQL, CRM names), the community account (its
 * API's JSON), and the sync ledger's entry for it (null when the ledger does not know the member).
 */
public record MemberPair(String memberId, Map<String, Object> crmRecord, Map<String, Object> account,
                         LedgerEntry ledger) {}
