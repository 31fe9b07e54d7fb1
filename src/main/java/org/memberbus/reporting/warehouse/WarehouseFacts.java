package org.memberbus.reporting.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.memberbus.infra.PoisonMessageException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The warehouse's facts from the sources other than the CRM (routes/reporting-warehouse-facts.camel.yaml
 * holds the flow and makes the calls; tables in V23__warehouse_facts.sql):
 * <ul>
 * <li>the ledger: journal entries read through the accounting API from a watermark on the time they
 * were posted ({@code postedSince}), page by page, each line upserted; a reversal (a new entry naming
 * the original) marks the original's lines reversed. The watermark is kept the commit lag behind
 * the read's start, so an entry posted while the pages were read comes again next run (and is
 * written once: a line is keyed by entry and line number);</li>
 * <li>the community: every account's engagement counters as a daily snapshot, and group membership
 * (a membership no longer listed is kept with {@code left_at}); the community's API has no change
 * filter, so its state is read whole and only what changed is written;</li>
 * <li>the bus's facts on Kafka, each topic in its own consumer group: each fact is one row keyed by
 * its event id (or by its natural key where the fact has none: a registration's key and state, an
 * attendance's registration, an award's member and event), inserted once, so a replayed record
 * changes nothing.</li>
 * </ul>
 */
@Component("warehouseFacts")
public class WarehouseFacts {

    static final String LEDGER = "ledger:journal-entries";
    static final String LEDGER_ACCOUNTS = "ledger:accounts";
    static final String COMMUNITY_ACCOUNTS = "community:accounts";
    static final String COMMUNITY_GROUPS = "community:groups";

    /** Kafka topic property name to its table, in the order the run's report lists them. */
    static final Map<String, String> KAFKA_TABLES;

    static {
        var tables = new java.util.LinkedHashMap<String, String>();
        tables.put("community-activity", "warehouse.fact_engagement_activity");
        tables.put("health-changed", "warehouse.fact_health_change");
        tables.put("ce-credit", "warehouse.fact_ce_credit");
        tables.put("exam-result", "warehouse.fact_exam_attempt");
        tables.put("certification-awarded", "warehouse.fact_certification");
        tables.put("registration-created", "warehouse.fact_registration");
        tables.put("attendance-recorded", "warehouse.fact_attendance");
        tables.put("ceu-awarded", "warehouse.fact_ceu_award");
        KAFKA_TABLES = java.util.Collections.unmodifiableMap(tables);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a paged read stands: the next page, whether there is one, and (ledger) the watermark. */
    public static final class Cursor {
        final Instant since;
        final Instant started = Instant.now();
        int page;
        boolean more = true;
        Instant newest;

        Cursor(Instant since, int firstPage) {
            this.since = since;
            this.page = firstPage;
        }

        public boolean more() {
            return more;
        }

        public int page() {
            return page;
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Duration commitLag;
    private final int pageSize;

    public WarehouseFacts(DataSource dataSource, PlatformTransactionManager transactions,
                          @Value("${memberbus.warehouse.commit-lag:PT2M}") Duration commitLag,
                          @Value("${memberbus.warehouse.facts.page-size:200}") int pageSize) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.commitLag = commitLag;
        this.pageSize = pageSize;
    }

    // ---------------------------------------------------------------- the ledger

    /** A read of the journal: from the watermark, or all of it in a full run. */
    public Cursor ledgerStart(EtlRun run) {
        run.table("warehouse.fact_ledger_line");
        String watermark = run.full ? null : watermark(LEDGER);
        return new Cursor(watermark == null ? null : Instant.parse(watermark), 1);
    }

    /** The query of the cursor's page of {@code GET /api/v1/journal-entries}. */
    public String ledgerQuery(Cursor cursor) {
        return "pageSize=" + pageSize + "&page=" + cursor.page + (cursor.since == null ? ""
                : "&postedSince=" + URLEncoder.encode(cursor.since.toString(), StandardCharsets.UTF_8));
    }

    /** Loads one page of journal entries (the accounting API's answer) and moves the cursor on. */
    public void ledgerPage(EtlRun run, Cursor cursor, String answer) {
        var page = read(answer, "journal entries");
        var counts = run.table("warehouse.fact_ledger_line");
        var lines = new ArrayList<Object[]>();
        var reversed = new ArrayList<String>();
        for (var entry : page.path("data")) {
            var id = entry.path("id").asText();
            var postedAt = Instant.parse(entry.path("postedAt").asText());
            cursor.newest = cursor.newest == null || postedAt.isAfter(cursor.newest) ? postedAt : cursor.newest;
            if (entry.hasNonNull("reverses")) {
                reversed.add(entry.path("reverses").asText());
            }
            for (var line : entry.path("lines")) {
                counts.read++;
                lines.add(new Object[] {id, line.path("lineNumber").asInt(), entry.path("number").asLong(),
                        java.sql.Date.valueOf(LocalDate.parse(entry.path("date").asText())), line.path("account").asText(),
                        cents(line.path("debit")), cents(line.path("credit")), text(entry, "externalReference"),
                        truncate(text(line, "memo") != null ? text(line, "memo") : text(entry, "memo"), 500),
                        entry.path("status").asText("posted"), text(entry, "reverses"), Timestamp.from(postedAt)});
            }
        }
        tx.executeWithoutResult(status -> {
            int[] written = jdbc.batchUpdate("INSERT INTO warehouse.fact_ledger_line (entry_id, line_number, entry_number, "
                    + "entry_date, account_code, debit_cents, credit_cents, external_reference, memo, status, reverses, "
                    + "posted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entry_id, line_number) DO UPDATE "
                    + "SET status = EXCLUDED.status, loaded_at = now() "
                    + "WHERE warehouse.fact_ledger_line.status IS DISTINCT FROM EXCLUDED.status", lines);
            counts.written += java.util.Arrays.stream(written).filter(n -> n > 0).count();
            for (var original : reversed) {
                counts.changes += jdbc.update("UPDATE warehouse.fact_ledger_line SET status = 'reversed', loaded_at = now() "
                        + "WHERE entry_id = ? AND status <> 'reversed'", original);
            }
        });
        cursor.more = page.path("pagination").path("hasMore").asBoolean(false);
        cursor.page++;
    }

    /** The read is complete: the watermark moves to the newest entry read, at most the commit lag before the read began. */
    public void ledgerDone(EtlRun run, Cursor cursor) {
        Instant safe = cursor.started.minus(commitLag);
        String watermark = cursor.newest == null ? null : (cursor.newest.isAfter(safe) ? safe : cursor.newest).toString();
        jdbc.update("INSERT INTO warehouse.etl_watermark (source, target_table, watermark, loaded_at) VALUES (?, ?, ?, now()) "
                + "ON CONFLICT (source) DO UPDATE SET loaded_at = now(), watermark = CASE WHEN EXCLUDED.watermark IS NULL "
                + "THEN warehouse.etl_watermark.watermark WHEN warehouse.etl_watermark.watermark IS NULL "
                + "OR warehouse.etl_watermark.watermark::timestamptz < EXCLUDED.watermark::timestamptz "
                + "THEN EXCLUDED.watermark ELSE warehouse.etl_watermark.watermark END",
                LEDGER, "warehouse.fact_ledger_line", watermark);
    }

    /** The ledger's chart of accounts ({@code GET /api/v1/accounts}): each account's name and type. */
    public void ledgerAccounts(EtlRun run, String answer) {
        var counts = run.table("warehouse.dim_gl_account");
        for (var account : read(answer, "accounts").path("data")) {
            var type = account.path("type").asText();
            var kind = switch (type) {
                case "ASSET" -> "asset";
                case "LIABILITY" -> "liability";
                case "NET_ASSETS" -> "net_assets";
                case "EXPENSE" -> "expense";
                default -> "DEBIT".equals(account.path("normalBalance").asText()) ? "contra_income" : "income";
            };
            var name = account.path("name").asText();
            counts.written += jdbc.update("INSERT INTO warehouse.dim_gl_account (account_code, role, kind, account_name, ledger_type) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_code) DO UPDATE SET account_name = EXCLUDED.account_name, "
                    + "ledger_type = EXCLUDED.ledger_type, loaded_at = now() WHERE (warehouse.dim_gl_account.account_name, "
                    + "warehouse.dim_gl_account.ledger_type) IS DISTINCT FROM (EXCLUDED.account_name, EXCLUDED.ledger_type)",
                    account.path("code").asText(), name, kind, name, type);
        }
        loaded(LEDGER_ACCOUNTS, "warehouse.dim_gl_account");
    }

    // ---------------------------------------------------------------- the community

    public Cursor communityStart(EtlRun run) {
        run.table("warehouse.fact_community_engagement_daily");
        return new Cursor(null, 0);
    }

    public String communityQuery(Cursor cursor) {
        return "page=" + cursor.page + "&size=" + pageSize;
    }

    /** One page of {@code GET /api/v1/accounts}: today's engagement counters of each account, written when changed. */
    public void communityAccountsPage(EtlRun run, Cursor cursor, String answer) {
        var page = read(answer, "community accounts");
        var counts = run.table("warehouse.fact_community_engagement_daily");
        var today = java.sql.Date.valueOf(LocalDate.now(ZoneOffset.UTC));
        var rows = new ArrayList<Object[]>();
        for (var account : page.path("data")) {
            counts.read++;
            var engagement = account.path("engagement");
            var lastLogin = text(engagement, "lastLoginAt");
            rows.add(new Object[] {account.path("id").asText(), today, text(account, "crmContactId"),
                    text(account, "membershipStatus"), text(account, "level"),
                    lastLogin == null ? null : Timestamp.from(Instant.parse(lastLogin)),
                    engagement.path("postsLast90Days").asInt(), engagement.path("contentViewsLast90Days").asInt(),
                    engagement.path("eventsAttendedLast12Months").asInt()});
        }
        int[] written = jdbc.batchUpdate("INSERT INTO warehouse.fact_community_engagement_daily (community_account_id, day, "
                + "member_id, membership_status, level, last_login_at, posts_90d, content_views_90d, events_attended_12m) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community_account_id, day) DO UPDATE SET "
                + "member_id = EXCLUDED.member_id, membership_status = EXCLUDED.membership_status, level = EXCLUDED.level, "
                + "last_login_at = EXCLUDED.last_login_at, posts_90d = EXCLUDED.posts_90d, "
                + "content_views_90d = EXCLUDED.content_views_90d, events_attended_12m = EXCLUDED.events_attended_12m, "
                + "loaded_at = now() WHERE (warehouse.fact_community_engagement_daily.member_id, "
                + "warehouse.fact_community_engagement_daily.membership_status, warehouse.fact_community_engagement_daily.level, "
                + "warehouse.fact_community_engagement_daily.last_login_at, warehouse.fact_community_engagement_daily.posts_90d, "
                + "warehouse.fact_community_engagement_daily.content_views_90d, "
                + "warehouse.fact_community_engagement_daily.events_attended_12m) IS DISTINCT FROM (EXCLUDED.member_id, "
                + "EXCLUDED.membership_status, EXCLUDED.level, EXCLUDED.last_login_at, EXCLUDED.posts_90d, "
                + "EXCLUDED.content_views_90d, EXCLUDED.events_attended_12m)", rows);
        counts.written += java.util.Arrays.stream(written).filter(n -> n > 0).count();
        long total = page.path("total").asLong();
        cursor.page++;
        cursor.more = page.path("data").size() > 0 && (long) cursor.page * pageSize < total;
        if (!cursor.more) {
            loaded(COMMUNITY_ACCOUNTS, "warehouse.fact_community_engagement_daily");
        }
    }

    /** The group names of {@code GET /api/v1/groups}. */
    public List<String> communityGroups(EtlRun run, String answer) {
        run.table("warehouse.fact_group_membership");
        var names = new ArrayList<String>();
        read(answer, "community groups").path("data").forEach(g -> names.add(g.path("name").asText()));
        return names;
    }

    /** One group's members ({@code GET /api/v1/groups/{name}/members}); those it no longer lists have left. */
    public void communityGroupMembers(EtlRun run, String group, String answer) {
        var counts = run.table("warehouse.fact_group_membership");
        var seen = new ArrayList<String>();
        var members = read(answer, "group members").path("data");
        var rows = new ArrayList<Object[]>();
        for (var m : members) {
            counts.read++;
            var account = m.path("accountId").asText();
            seen.add(account);
            var joined = text(m, "joinedAt");
            rows.add(new Object[] {group, account, account, text(m, "role"),
                    joined == null ? null : Timestamp.from(Instant.parse(joined))});
        }
        tx.executeWithoutResult(status -> {
            // one batch per group; a row is written only when new, changed, or back after leaving
            int[] written = jdbc.batchUpdate("INSERT INTO warehouse.fact_group_membership (group_name, community_account_id, "
                    + "member_id, role, joined_at) VALUES (?, ?, (SELECT e.member_id FROM "
                    + "warehouse.fact_community_engagement_daily e WHERE e.community_account_id = ? ORDER BY e.day DESC LIMIT 1), ?, ?) "
                    + "ON CONFLICT (group_name, community_account_id) DO UPDATE SET role = EXCLUDED.role, "
                    + "joined_at = EXCLUDED.joined_at, member_id = coalesce(EXCLUDED.member_id, warehouse.fact_group_membership.member_id), "
                    + "left_at = NULL, loaded_at = now() WHERE warehouse.fact_group_membership.left_at IS NOT NULL "
                    + "OR (warehouse.fact_group_membership.role, warehouse.fact_group_membership.joined_at, "
                    + "warehouse.fact_group_membership.member_id) IS DISTINCT FROM (EXCLUDED.role, EXCLUDED.joined_at, "
                    + "coalesce(EXCLUDED.member_id, warehouse.fact_group_membership.member_id))", rows);
            counts.written += java.util.Arrays.stream(written).filter(n -> n > 0).count();
            counts.changes += jdbc.update(con -> {
                var ps = con.prepareStatement("UPDATE warehouse.fact_group_membership SET left_at = now(), loaded_at = now() "
                        + "WHERE group_name = ? AND left_at IS NULL AND NOT (community_account_id = ANY (?))");
                ps.setString(1, group);
                ps.setArray(2, con.createArrayOf("varchar", seen.toArray()));
                return ps;
            });
        });
    }

    /** Groups the community no longer has: their memberships have ended. */
    public void communityGroupsDone(EtlRun run, List<String> groups) {
        var counts = run.table("warehouse.fact_group_membership");
        counts.changes += jdbc.update(con -> {
            var ps = con.prepareStatement("UPDATE warehouse.fact_group_membership SET left_at = now(), loaded_at = now() "
                    + "WHERE left_at IS NULL AND NOT (group_name = ANY (?))");
            ps.setArray(1, con.createArrayOf("varchar", groups.toArray()));
            return ps;
        });
        loaded(COMMUNITY_GROUPS, "warehouse.fact_group_membership");
    }

    // ---------------------------------------------------------------- the Kafka facts

    /**
     * Counts, for the run's report, the rows each Kafka fact table received since the last run that
     * finished (they stream in between runs); their freshness is the newest fact's arrival.
     */
    public void streamed(EtlRun run) {
        var since = jdbc.queryForObject("SELECT coalesce(max(started_at), 'epoch'::timestamptz) FROM warehouse.etl_run "
                + "WHERE status = 'done'", Timestamp.class);
        for (var table : KAFKA_TABLES.values()) {
            long n = jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE loaded_at >= ?", Long.class, since);
            var counts = run.table(table);
            counts.read += n;
            counts.written += n;
        }
    }

    /** A community webhook (community.activity): one engagement activity. */
    public void communityActivity(String eventId, String key, String body) {
        var event = read(body, "community activity");
        var id = first(eventId, text(event, "id"));
        var occurred = instant(event.path("created"), "created");
        insertOnce("community-activity", "INSERT INTO warehouse.fact_engagement_activity (event_id, member_id, "
                + "community_account_id, activity_type, occurred_at, day) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                required(id, "id"), first(key, text(event.path("account"), "crmContactId")),
                text(event.path("account"), "id"), required(text(event, "type"), "type"), Timestamp.from(occurred), day(occurred));
    }

    /**
     * health.changed: one score change, keyed by its outbox key (health:member:revision) when the
     * record carries it as {@code eventId}, else by member and scoring time (the outbox's payload is
     * stored, so a resend carries the same time: the same key).
     */
    public void healthChanged(String eventId, String key, String body) {
        var fact = read(body, "health.changed");
        var member = required(first(text(fact, "memberId"), key), "memberId");
        if (eventId == null || eventId.isBlank()) {
            eventId = "health:" + member + ":" + required(text(fact, "scoredAt"), "scoredAt");
        }
        var asOf = LocalDate.parse(required(text(fact, "asOf"), "asOf"));
        var trend = fact.path("trend");
        var scoredAt = text(fact, "scoredAt");
        insertOnce("health-changed", "INSERT INTO warehouse.fact_health_change (event_id, member_id, score, band, trend, "
                + "previous_score, model_version, as_of, scored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                eventId, member, fact.path("score").asInt(), required(text(fact, "band"), "band"),
                trend.isObject() ? text(trend, "direction") : text(fact, "trend"),
                trend.path("previousScore").isNumber() ? trend.path("previousScore").asInt() : null,
                text(fact, "modelVersion"), java.sql.Date.valueOf(asOf),
                scoredAt == null ? null : Timestamp.from(instant(fact.path("scoredAt"), "scoredAt")));
    }

    /** ce.credit: one CE activity credited, keyed by the activity's id. */
    public void ceCredit(String eventId, String key, String body) {
        var fact = read(body, "ce.credit");
        insertOnce("ce-credit", "INSERT INTO warehouse.fact_ce_credit (event_id, member_id, category, credits, earned_on, "
                + "cycle_earned, required) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                required(first(eventId, text(fact, "activityId")), "activityId"),
                required(first(text(fact, "crmContactId"), key), "crmContactId"), text(fact, "category"),
                decimal(fact.path("credits"), "credits"),
                java.sql.Date.valueOf(LocalDate.parse(required(text(fact, "earnedOn"), "earnedOn"))),
                fact.path("cycleEarned").isNumber() ? fact.path("cycleEarned").decimalValue() : null,
                fact.path("required").isNumber() ? fact.path("required").decimalValue() : null);
    }

    /** exam.result: one attempt, keyed by the exam body's result id. */
    public void examResult(String eventId, String key, String body) {
        var fact = read(body, "exam.result");
        var taken = instant(fact.path("takenAt"), "takenAt");
        insertOnce("exam-result", "INSERT INTO warehouse.fact_exam_attempt (event_id, member_id, exam_code, outcome, score, "
                + "passing_score, channel, taken_at, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                required(first(eventId, text(fact, "resultId")), "resultId"),
                required(first(text(fact, "crmContactId"), key), "crmContactId"), required(text(fact, "examCode"), "examCode"),
                required(text(fact, "outcome"), "outcome"),
                fact.path("score").isNumber() ? fact.path("score").asInt() : null,
                fact.path("passingScore").isNumber() ? fact.path("passingScore").asInt() : null,
                text(fact, "channel"), Timestamp.from(taken), day(taken));
    }

    /** certification.awarded: an award or a renewal, keyed by certification key and award day. */
    public void certificationAwarded(String eventId, String key, String body) {
        var fact = read(body, "certification.awarded");
        var certification = required(text(fact, "certificationKey"), "certificationKey");
        var awardedOn = required(text(fact, "awardedOn"), "awardedOn");
        var expiresOn = text(fact, "expiresOn");
        insertOnce("certification-awarded", "INSERT INTO warehouse.fact_certification (event_id, certification_key, member_id, "
                + "program, exam_code, result_id, awarded_on, expires_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                first(eventId, certification + ":" + awardedOn), certification,
                required(first(text(fact, "crmContactId"), key), "crmContactId"), text(fact, "program"),
                text(fact, "examCode"), text(fact, "resultId"), java.sql.Date.valueOf(LocalDate.parse(awardedOn)),
                expiresOn == null ? null : java.sql.Date.valueOf(LocalDate.parse(expiresOn)));
    }

    /** registration.created: a registration reached a state; the same state again is the same row. */
    public void registration(String eventId, String key, String body) {
        var fact = read(body, "registration");
        var at = fact.hasNonNull("at") ? instant(fact.path("at"), "at") : Instant.now();
        insertOnce("registration-created", "INSERT INTO warehouse.fact_registration (registration_key, status, member_id, "
                + "crm_event_id, amount_cents, waitlist_position, status_at, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING",
                required(text(fact, "registrationKey"), "registrationKey"), required(text(fact, "status"), "status"),
                first(text(fact, "crmContactId"), key), required(text(fact, "crmEventId"), "crmEventId"),
                fact.path("amount").isNumber() ? fact.path("amount").asLong() : null,
                fact.path("waitlistPosition").isNumber() ? fact.path("waitlistPosition").asInt() : null,
                Timestamp.from(at), day(at));
    }

    /** attendance.recorded: one person at one event (published once per person and event). */
    public void attendance(String eventId, String key, String body) {
        var fact = read(body, "attendance");
        var at = instant(fact.path("checkedInAt"), "checkedInAt");
        insertOnce("attendance-recorded", "INSERT INTO warehouse.fact_attendance (registration_key, member_id, crm_event_id, "
                + "checked_in_at, day, source, minutes, session) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                required(text(fact, "registrationKey"), "registrationKey"), first(text(fact, "crmContactId"), key),
                required(text(fact, "crmEventId"), "crmEventId"), Timestamp.from(at), day(at), text(fact, "source"),
                fact.path("minutes").isNumber() ? fact.path("minutes").asInt() : null, text(fact, "session"));
    }

    /** ceu.awarded: the CEUs one member earned at one event. */
    public void ceuAwarded(String eventId, String key, String body) {
        var fact = read(body, "ceu.awarded");
        insertOnce("ceu-awarded", "INSERT INTO warehouse.fact_ceu_award (member_id, crm_event_id, credits, rule) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                required(first(text(fact, "crmContactId"), key), "crmContactId"), required(text(fact, "crmEventId"), "crmEventId"),
                decimal(fact.path("credits"), "credits"), text(fact, "rule"));
    }

    /** The fact's row (once: the statement ignores a conflict) and its table's freshness, in one transaction. */
    private void insertOnce(String topic, String sql, Object... args) {
        var table = KAFKA_TABLES.get(topic);
        tx.executeWithoutResult(status -> {
            jdbc.update(sql, args);
            loaded("kafka:" + topic, table);
        });
    }

    // ---------------------------------------------------------------- helpers

    private String watermark(String source) {
        return jdbc.query("SELECT watermark FROM warehouse.etl_watermark WHERE source = ?",
                rs -> rs.next() ? rs.getString(1) : null, source);
    }

    private void loaded(String source, String table) {
        jdbc.update("INSERT INTO warehouse.etl_watermark (source, target_table, loaded_at) VALUES (?, ?, now()) "
                + "ON CONFLICT (source) DO UPDATE SET loaded_at = now()", source, table);
    }

    private static JsonNode read(String body, String what) {
        try {
            var node = JSON.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw new PoisonMessageException(what + ": not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException(what + ": not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static String text(JsonNode node, String field) {
        var v = node.path(field);
        return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new PoisonMessageException("fact without " + field);
        }
        return value;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        if (!node.isNumber()) {
            throw new PoisonMessageException("fact without a number " + field);
        }
        return node.decimalValue();
    }

    /** An instant as Jackson writes it: ISO text, or seconds (with a fraction) since the epoch. */
    static Instant instant(JsonNode node, String field) {
        if (node.isNumber()) {
            var seconds = node.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        if (node.isTextual()) {
            try {
                return java.time.OffsetDateTime.parse(node.asText()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw new PoisonMessageException("fact with " + field + " not an instant: " + node.asText());
            }
        }
        throw new PoisonMessageException("fact without " + field);
    }

    private static java.sql.Date day(Instant at) {
        return java.sql.Date.valueOf(at.atOffset(ZoneOffset.UTC).toLocalDate());
    }

    /** An amount in the ledger's decimal units as cents. */
    static long cents(JsonNode amount) {
        if (amount == null || amount.isMissingNode() || amount.isNull()) {
            return 0;
        }
        return new BigDecimal(amount.asText()).movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
