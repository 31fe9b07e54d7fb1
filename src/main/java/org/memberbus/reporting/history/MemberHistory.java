package org.memberbus.reporting.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.memberbus.reporting.ReportingApiException;
import org.memberbus.sync.DecisionRow;
import org.memberbus.sync.SyncEngine;
import org.memberbus.sync.SyncLedger;
import org.memberbus.sync.Values;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A member's history across systems ({@code GET /api/v1/members/{id}/history}), rebuilt from what
 * the bus keeps: the sync engine's decision log (each change a system made to the member and what
 * the bus decided), the CRM changes the warehouse saw, payments, refund decisions, membership
 * reversals and health scores, in time order; and, per field, why the systems disagree now when
 * they do (a change proposed to the CRM's staff and not decided yet, or one rejected).
 */
@Component("memberHistory")
public class MemberHistory {

    private static final Pattern CRM_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");
    private static final int LIMIT = 500;

    private final JdbcTemplate jdbc;
    private final SyncLedger ledger;
    private final SyncEngine sync;

    public MemberHistory(DataSource dataSource, SyncLedger ledger, SyncEngine sync) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.ledger = ledger;
        this.sync = sync;
    }

    /** The member's CRM id, checked before anything is read for it. */
    public String memberId(String memberId) {
        if (memberId == null || !CRM_ID.matcher(memberId).matches()) {
            throw new ReportingApiException(400, "a member is named by their CRM contact id (15 or 18 characters)");
        }
        return memberId;
    }

    /** Whether the sync ledger knows the member (only then is what the systems hold now compared). */
    public boolean inLedger(String memberId) {
        return ledger.describe(memberId, 0) != null;
    }

    /** The member's community account id: the CRM's link (just read), else the sync ledger's; null when none. */
    public String communityIdOf(String memberId, Map<String, Object> crmRecord) {
        if (crmRecord != null && crmRecord.get("Community_Id__c") instanceof String id && !id.isBlank()) {
            return id;
        }
        var entry = ledger.describe(memberId, 0);
        return entry == null ? null : entry.systems().stream().filter(s -> s.system().equals("community"))
                .map(s -> s.externalId()).filter(id -> id != null && !id.isBlank()).findFirst().orElse(null);
    }

    public Map<String, Object> history(String memberId) {
        return history(memberId, null, null);
    }

    /**
     * As {@link #history(String)}, with what the CRM and the community hold for the member now (read
     * by the route; null when not read): each synced field on which they disagree is explained.
     */
    public Map<String, Object> history(String memberId, Map<String, Object> crmRecord, Map<String, Object> communityAccount) {
        memberId(memberId);
        var events = new ArrayList<Map<String, Object>>();
        var decisions = ledger.decisions(memberId, null, null, 0, LIMIT).items();
        for (DecisionRow d : decisions) {
            var e = event(d.decidedAt(), d.system(), "sync-decision");
            e.put("field", d.field());
            e.put("from", d.oldValue());
            e.put("to", d.newValue());
            e.put("decision", d.decision());
            e.put("reason", d.reason());
            events.add(e);
        }
        jdbc.query("SELECT source_object, field, from_value, to_value, changed_at FROM warehouse.fact_status_change "
                + "WHERE member_id = ? ORDER BY changed_at LIMIT " + LIMIT, rs -> {
            var e = event(instant(rs.getObject("changed_at", OffsetDateTime.class)), "crm", "crm-change");
            e.put("object", rs.getString("source_object"));
            e.put("field", rs.getString("field"));
            e.put("from", rs.getString("from_value"));
            e.put("to", rs.getString("to_value"));
            events.add(e);
        }, memberId);
        jdbc.query("SELECT payment_id, payment_type, status, amount, refunded_amount, paid_at, gateway_payment_id "
                + "FROM warehouse.fact_payment WHERE member_id = ? AND paid_at IS NOT NULL ORDER BY paid_at LIMIT " + LIMIT, rs -> {
            var e = event(instant(rs.getObject("paid_at", OffsetDateTime.class)), "gateway", "payment");
            e.put("type", rs.getString("payment_type"));
            e.put("status", rs.getString("status"));
            e.put("amount", rs.getBigDecimal("amount"));
            e.put("refunded", rs.getBigDecimal("refunded_amount"));
            e.put("reference", rs.getString("gateway_payment_id"));
            events.add(e);
        }, memberId);
        jdbc.query("SELECT payment_intent, decision, amount, rule, asked_at FROM refund_request WHERE crm_contact_id = ? "
                + "ORDER BY asked_at LIMIT " + LIMIT, rs -> {
            var e = event(instant(rs.getObject("asked_at", OffsetDateTime.class)), "bus", "refund-decision");
            e.put("reference", rs.getString("payment_intent"));
            e.put("decision", rs.getString("decision"));
            e.put("amountCents", rs.getLong("amount"));
            e.put("reason", rs.getString("rule"));
            events.add(e);
        }, memberId);
        jdbc.query("SELECT cause, previous_status, new_status, decided_at FROM membership_reversal WHERE crm_contact_id = ? "
                + "ORDER BY decided_at LIMIT " + LIMIT, rs -> {
            var e = event(instant(rs.getObject("decided_at", OffsetDateTime.class)), "bus", "membership-reversal");
            e.put("field", "status");
            e.put("from", rs.getString("previous_status"));
            e.put("to", rs.getString("new_status"));
            e.put("reason", rs.getString("cause"));
            events.add(e);
        }, memberId);
        jdbc.query("SELECT scored_at, score, band, trend, cause FROM member_health_history WHERE member_id = ? "
                + "ORDER BY scored_at LIMIT " + LIMIT, rs -> {
            var e = event(instant(rs.getObject("scored_at", OffsetDateTime.class)), "bus", "health-score");
            e.put("to", rs.getInt("score") + " " + rs.getString("band") + " " + rs.getString("trend"));
            e.put("reason", rs.getString("cause"));
            events.add(e);
        }, memberId);

        var entry = ledger.describe(memberId, 0);
        boolean known = entry != null || !events.isEmpty() || Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM warehouse.dim_member WHERE member_id = ?)", Boolean.class, memberId));
        if (!known) {
            throw new ReportingApiException(404, "no member " + memberId + " in the sync ledger or the warehouse");
        }
        events.sort(Comparator.comparing((Map<String, Object> e) -> ((String) e.get("at")).isEmpty() ? Instant.EPOCH
                : Instant.parse((String) e.get("at"))));

        var answer = new LinkedHashMap<String, Object>();
        answer.put("memberId", memberId);
        answer.put("systems", entry == null ? List.of() : entry.systems());
        var disagreements = disagreements(decisions);
        if (entry != null && crmRecord != null && communityAccount != null) {
            compareNow(entry.agreed(), crmRecord, communityAccount, disagreements);
        }
        answer.put("checkedNow", crmRecord != null && communityAccount != null);
        answer.put("inSync", disagreements.isEmpty());
        answer.put("disagreements", disagreements);
        answer.put("events", events);
        return answer;
    }

    /**
     * Per field, the latest decision on it, when it leaves the systems apart: a change proposed to
     * the CRM's staff (nothing written until they decide) or rejected (the other system keeps its
     * value). Decisions arrive newest first.
     */
    private static List<Map<String, Object>> disagreements(List<DecisionRow> newestFirst) {
        var latest = new LinkedHashMap<String, DecisionRow>();
        for (var d : newestFirst) {
            if (!d.decision().equals("stale")) {
                latest.putIfAbsent(d.field(), d);
            }
        }
        var open = new ArrayList<Map<String, Object>>();
        latest.values().stream().filter(d -> d.decision().equals("proposed") || d.decision().equals("rejected"))
                .forEach(d -> {
                    var m = new LinkedHashMap<String, Object>();
                    m.put("field", d.field());
                    m.put("system", d.system());
                    m.put("value", d.newValue());
                    m.put("agreedValue", d.baseValue());
                    m.put("since", d.decidedAt() == null ? null : d.decidedAt().toString());
                    m.put("why", d.decision().equals("proposed")
                            ? "the " + d.system() + "'s change of " + d.field() + " is a proposal to the CRM's staff, "
                              + "not written anywhere until they decide"
                            : "the " + d.system() + "'s change of " + d.field() + " was rejected: " + d.reason());
                    open.add(m);
                });
        return open;
    }

    /**
     * What the CRM and the community hold now, field by field, against each other and the last
     * values both agreed on (the ledger's): where they differ, which side moved since and what
     * happens next by the sync rules. A field a decision already explains (a proposal, a rejection)
     * gets the values added to that explanation.
     */
    private void compareNow(Map<String, Object> agreed, Map<String, Object> crmRecord, Map<String, Object> communityAccount,
                            List<Map<String, Object>> disagreements) {
        var crm = sync.toCanonical("member", "crm", crmRecord);
        var community = sync.toCanonical("member", "community", communityAccount);
        sync.ownership("member").forEach((field, rule) -> {
            // a field one system does not hold, or that was not read, is not compared
            if (!rule.heldBy().contains("crm") || !rule.heldBy().contains("community")
                    || !crm.containsKey(field) || !community.containsKey(field)) {
                return;
            }
            Object c = crm.get(field);
            Object m = community.get(field);
            if (Values.same(c, m)) {
                return;
            }
            Object a = agreed.get(field);
            var known = disagreements.stream().filter(d -> field.equals(d.get("field"))).findFirst().orElse(null);
            var d = known != null ? known : new LinkedHashMap<String, Object>();
            d.put("field", field);
            d.put("crm", Values.text(c));
            d.put("community", Values.text(m));
            d.put("agreedValue", Values.text(a));
            d.put("owner", rule.owner());
            if (known == null) {
                String moved;
                if (Values.same(c, a)) {
                    moved = "the community changed " + field + " since the last value both agreed on, and the bus has not "
                            + "merged that change (it came around the bus, or its webhook has not arrived)";
                    d.put("system", "community");
                } else if (Values.same(m, a)) {
                    moved = "the CRM changed " + field + " since the last value both agreed on, and the community does not "
                            + "hold it yet (its change event is not merged, or the write is still queued)";
                    d.put("system", "crm");
                } else {
                    moved = "both systems changed " + field + " since the last value both agreed on";
                    d.put("system", "both");
                }
                String next = rule.owner().equals("crm")
                        ? "; the CRM owns it, so the community is set to the CRM's value at the next merge or reconciliation"
                        : "; the " + rule.owner() + " owns it, so its value flows to the "
                          + (rule.owner().equals("community") ? "CRM" : "others") + " at the next merge or reconciliation";
                d.put("why", moved + next);
                disagreements.add(d);
            }
        });
    }

    private static Map<String, Object> event(Instant at, String system, String kind) {
        var e = new LinkedHashMap<String, Object>();
        e.put("at", at == null ? "" : at.toString());
        e.put("system", system);
        e.put("kind", kind);
        return e;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
