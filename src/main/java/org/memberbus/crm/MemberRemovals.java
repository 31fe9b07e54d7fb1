package org.memberbus.crm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.memberbus.member.MemberCommands.Command;
import org.memberbus.sync.DecisionKind;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the bus does when the CRM deletes a member's Contact, merges it into another (Salesforce
 * sends a merge as a DELETE of each losing record, whose {@code MasterRecordId} then names the
 * winner, and an UPDATE of the winner), or restores it from the recycle bin. The member is
 * archived in the sync ledger (kept, not forgotten: its links and agreed values stay so an undelete
 * can restore it), the decision is logged, and the community account is unlinked from the contact
 * and its access restricted; an undelete links it again. Computes and records; the route sends
 * the commands. Each step is idempotent: a redelivered event logs nothing twice and answers the
 * same commands again.
 */
@Component("memberRemovals")
public class MemberRemovals {

    static final String MEMBER = "member";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    MemberRemovals(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * The Contact {@code memberId} was deleted; {@code queryAll} is the CRM's answer to
     * {@code SELECT Id, IsDeleted, MasterRecordId, Community_Id__c FROM Contact WHERE Id = ...}
     * through queryAll (which sees the recycle bin). Answers the commands for the community, none
     * when the record is not deleted (any more).
     */
    @SuppressWarnings("unchecked")
    public List<Command> removed(String memberId, Map<String, Object> queryAll, long commitTimestamp) {
        var records = (List<Map<String, Object>>) queryAll.getOrDefault("records", List.of());
        var record = records.isEmpty() ? Map.<String, Object>of() : records.get(0);
        if (!records.isEmpty() && !Boolean.TRUE.equals(record.get("IsDeleted"))) {
            return List.of(); // undeleted since: its UNDELETE event follows
        }
        var mergedInto = (String) record.get("MasterRecordId");
        var reason = mergedInto == null ? "Contact deleted in the CRM" : "Contact merged into " + mergedInto + " in the CRM";
        transaction.executeWithoutResult(tx -> {
            int archived = jdbc.update("""
                    INSERT INTO sync_record (object_type, record_id, archived_at, archived_reason, merged_into)
                    VALUES (:objectType, :recordId, now(), :reason, :mergedInto)
                    ON CONFLICT (object_type, record_id) DO UPDATE
                       SET archived_at = now(), archived_reason = excluded.archived_reason, merged_into = excluded.merged_into
                     WHERE sync_record.archived_at IS NULL""",
                    key(memberId).addValue("reason", reason).addValue("mergedInto", mergedInto));
            if (archived == 1) {
                decide(memberId, commitTimestamp, "active", mergedInto == null ? "archived" : "merged into " + mergedInto,
                        DecisionKind.ARCHIVED, mergedInto == null ? "crm-delete" : "crm-merge", reason);
            }
        });
        var account = communityAccount(memberId, (String) record.get("Community_Id__c"));
        if (account == null) {
            return List.of();
        }
        var unlink = new HashMap<String, Object>();
        unlink.put("crmContactId", null);
        return List.of(new Command("community", "PATCH", "/api/v1/accounts/" + account, unlink),
                new Command("community", "PUT", "/api/v1/accounts/" + account + "/access", Map.of("accessLevel", "RESTRICTED")));
    }

    /**
     * The Contact {@code memberId} was restored from the recycle bin: no longer archived, and its
     * community account linked to it again (its access then follows the membership, which the
     * reconciliation of the record sets). Answers the commands.
     */
    public List<Command> restored(String memberId, long commitTimestamp) {
        transaction.executeWithoutResult(tx -> {
            int restored = jdbc.update("""
                    UPDATE sync_record SET archived_at = NULL, archived_reason = NULL, merged_into = NULL
                     WHERE object_type = :objectType AND record_id = :recordId AND archived_at IS NOT NULL""",
                    key(memberId));
            if (restored == 1) {
                decide(memberId, commitTimestamp, "archived", "active", DecisionKind.RESTORED, "crm-undelete",
                        "Contact restored from the CRM's recycle bin");
            }
        });
        var account = communityAccount(memberId, null);
        var commands = new ArrayList<Command>();
        if (account != null) {
            commands.add(new Command("community", "PATCH", "/api/v1/accounts/" + account, Map.of("crmContactId", memberId)));
        }
        return commands;
    }

    /** Whether the ledger holds the member as archived (deleted or merged in the CRM). */
    public boolean isArchived(String memberId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM sync_record WHERE object_type = :objectType AND record_id = :recordId
                                                         AND archived_at IS NOT NULL)""", key(memberId), Boolean.class));
    }

    /** The member's community account: the ledger's link, else the one the CRM record names. */
    private String communityAccount(String memberId, String fromCrm) {
        var linked = jdbc.queryForList("""
                SELECT external_id FROM sync_record_system
                 WHERE object_type = :objectType AND record_id = :recordId AND system = 'community'
                   AND external_id IS NOT NULL""", key(memberId), String.class);
        return linked.isEmpty() ? fromCrm : linked.get(0);
    }

    private void decide(String memberId, long commitTimestamp, String oldValue, String newValue, DecisionKind kind,
                        String rule, String reason) {
        jdbc.update("""
                INSERT INTO sync_decision (object_type, record_id, field, system, version, old_value, new_value,
                                           decision, rule, reason, decided_at)
                VALUES (:objectType, :recordId, 'record', 'crm', :version, :oldValue, :newValue, :decision, :rule,
                        :reason, clock_timestamp())""",
                key(memberId).addValue("version", commitTimestamp > 0 ? Instant.ofEpochMilli(commitTimestamp).toString() : null)
                        .addValue("oldValue", oldValue).addValue("newValue", newValue)
                        .addValue("decision", kind.code()).addValue("rule", rule).addValue("reason", reason));
    }

    private static MapSqlParameterSource key(String memberId) {
        return new MapSqlParameterSource("objectType", MEMBER).addValue("recordId", memberId);
    }
}
