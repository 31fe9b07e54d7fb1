package org.memberbus.health;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The health flow's tables (V7): member_signals, member_signal_event, member_health and its
 * history, health_outbox, campaign_request / campaign_attribution, health_job_run. SQL only; the
 * beans that use it decide what to write.
 */
@Component
public class HealthRepository {

    /** A member's current health row, with the result it holds. */
    record Current(String memberId, int score, String band, String trend, String resultJson, LocalDate asOf,
                   long revision) {}

    /** A new or re-scored current row. {@code changed}: score, band or trend moved (CRM and history). */
    record CurrentWrite(String memberId, int score, String band, String trend, Integer trendDelta, String resultJson,
                        String modelVersion, LocalDate asOf, Instant scoredAt, boolean changed) {}

    record HistoryRow(String memberId, LocalDate asOf, Instant scoredAt, int score, String band, String trend,
                      String modelVersion, String contributionsJson, String cause) {}

    public record OutboxRow(String key, String memberId, String kind, String payload) {}

    /** An outbox entry claimed for sending. */
    public record OutboxEntry(long id, String key, String memberId, String kind, String payload) {}

    /** A current score claimed for writing to the CRM contact. */
    record CrmPending(String memberId, int score, String band, String trend, Instant scoredAt, long revision) {}

    final NamedParameterJdbcTemplate jdbc;
    final TransactionTemplate transaction;

    /** Lazy: the data source is made when first used, so that a missing setting elsewhere is reported first. */
    HealthRepository(@Lazy DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    // ---- members and their signals ----------------------------------------------------------

    boolean known(String memberId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists(select 1 from member_signals where member_id = :id)",
                Map.of("id", memberId), Boolean.class));
    }

    Optional<String> memberByCommunityId(String communityId) {
        return first("select member_id from member_signals where community_id = :v order by member_id limit 1", communityId);
    }

    Optional<String> memberByGatewayCustomer(String customerId) {
        return first("select member_id from member_signals where gateway_customer_id = :v order by member_id limit 1", customerId);
    }

    private Optional<String> first(String sql, String value) {
        return jdbc.queryForList(sql, Map.of("v", value), String.class).stream().findFirst();
    }

    List<String> allMemberIds() {
        return jdbc.queryForList("select member_id from member_signals order by member_id", Map.of(), String.class);
    }

    /**
     * Inserts the member, or with {@code overwrite} replaces every value the record knows (keeping
     * what it does not); without it an existing member is left alone. Answers whether it wrote.
     */
    boolean putMember(MemberRecord m, String source, boolean overwrite) {
        return putMembers(List.of(m), source, overwrite)[0] > 0;
    }

    /** {@link #putMember} for many at once; answers per member whether it wrote (1) or not (0). */
    int[] putMembers(List<MemberRecord> members, String source, boolean overwrite) {
        if (members.isEmpty()) {
            return new int[0];
        }
        String conflict = overwrite ? """
                on conflict (member_id) do update set
                  member_number = coalesce(excluded.member_number, member_signals.member_number),
                  email = coalesce(excluded.email, member_signals.email),
                  owner_id = coalesce(excluded.owner_id, member_signals.owner_id),
                  community_id = coalesce(excluded.community_id, member_signals.community_id),
                  gateway_customer_id = coalesce(excluded.gateway_customer_id, member_signals.gateway_customer_id),
                  membership_status = coalesce(excluded.membership_status, member_signals.membership_status),
                  membership_level = coalesce(excluded.membership_level, member_signals.membership_level),
                  member_since = coalesce(excluded.member_since, member_signals.member_since),
                  renewal_date = coalesce(excluded.renewal_date, member_signals.renewal_date),
                  ce_earned = coalesce(excluded.ce_earned, member_signals.ce_earned),
                  ce_required = excluded.ce_required,
                  last_seen_at = greatest(excluded.last_seen_at, member_signals.last_seen_at),
                  dues_on_time = coalesce(excluded.dues_on_time, member_signals.dues_on_time),
                  seeded_from = excluded.seeded_from,
                  updated_at = now()
                """ : "on conflict (member_id) do nothing";
        return jdbc.batchUpdate("""
                insert into member_signals (member_id, member_number, email, owner_id, community_id, gateway_customer_id,
                  membership_status, membership_level, member_since, renewal_date, ce_earned, ce_required, last_seen_at,
                  dues_on_time, seeded_from)
                values (:id, :number, :email, :owner, :community, :gateway, :status, :level, :since, :renewal, :ceEarned,
                  :ceRequired, :lastSeen, :dues, :source)
                """ + conflict, members.stream().map(m -> new MapSqlParameterSource()
                .addValue("id", m.memberId()).addValue("number", m.memberNumber()).addValue("email", m.email())
                .addValue("owner", m.ownerId()).addValue("community", m.communityId())
                .addValue("gateway", m.gatewayCustomerId()).addValue("status", m.membershipStatus())
                .addValue("level", m.membershipLevel()).addValue("since", m.memberSince())
                .addValue("renewal", m.renewalDate()).addValue("ceEarned", m.ceEarned())
                .addValue("ceRequired", m.ceRequired()).addValue("lastSeen", timestamp(m.lastSeenAt()))
                .addValue("dues", m.duesOnTime()).addValue("source", source)).toArray(MapSqlParameterSource[]::new));
    }

    /** Sets the CRM-owned columns a change names (column → value; a null value clears it). */
    void updateColumns(String memberId, Map<String, Object> columns) {
        if (columns.isEmpty()) {
            return;
        }
        var params = new MapSqlParameterSource("id", memberId);
        var set = new StringBuilder();
        columns.forEach((column, value) -> {
            set.append(column).append(" = :").append(column).append(", ");
            params.addValue(column, value instanceof Instant i ? timestamp(i) : value);
        });
        jdbc.update("update member_signals set " + set + "updated_at = now() where member_id = :id", params);
    }

    /** The member was seen on the community at {@code at} (the latest sighting wins). */
    void seen(String memberId, Instant at) {
        jdbc.update("update member_signals set last_seen_at = greatest(last_seen_at, :at), updated_at = now() where member_id = :id",
                new MapSqlParameterSource("id", memberId).addValue("at", timestamp(at)));
    }

    /** The outcome of a dues payment at {@code at}; an older outcome than the one held is ignored. */
    void duesOutcome(String memberId, boolean onTime, Instant at) {
        jdbc.update("""
                update member_signals set dues_on_time = :v, dues_decided_at = :at, updated_at = now()
                where member_id = :id and (dues_decided_at is null or dues_decided_at <= :at)
                """, new MapSqlParameterSource("id", memberId).addValue("v", onTime ? 1 : 0).addValue("at", timestamp(at)));
    }

    /** Records a dated fact once per source event id; answers whether it was new. */
    boolean addEvent(String eventId, String memberId, String kind, Instant at, int quantity) {
        return jdbc.update("""
                insert into member_signal_event (event_id, member_id, kind, occurred_at, quantity)
                values (:e, :m, :k, :at, :q) on conflict (event_id) do nothing
                """, new MapSqlParameterSource("e", eventId).addValue("m", memberId).addValue("k", kind)
                .addValue("at", timestamp(at)).addValue("q", quantity)) > 0;
    }

    record EventRow(String eventId, String memberId, String kind, Instant at, int quantity) {}

    /** {@link #addEvent} for many at once. */
    void addEvents(List<EventRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into member_signal_event (event_id, member_id, kind, occurred_at, quantity)
                values (:e, :m, :k, :at, :q) on conflict (event_id) do nothing
                """, rows.stream().map(r -> new MapSqlParameterSource("e", r.eventId()).addValue("m", r.memberId())
                .addValue("k", r.kind()).addValue("at", timestamp(r.at())).addValue("q", r.quantity()))
                .toArray(MapSqlParameterSource[]::new));
    }

    void deleteEvents(String memberId) {
        jdbc.update("delete from member_signal_event where member_id = :m", Map.of("m", memberId));
    }

    Optional<MemberRecord> member(String memberId) {
        return jdbc.query("select * from member_signals where member_id = :id", Map.of("id", memberId),
                (rs, i) -> memberRecord(rs)).stream().findFirst();
    }

    // ---- scoring ----------------------------------------------------------------------------

    /** Locks the members' rows for the rest of the transaction, in id order (no deadlocks). */
    void lock(List<String> memberIds) {
        jdbc.queryForList("select member_id from member_signals where member_id in (:ids) order by member_id for update",
                Map.of("ids", memberIds), String.class);
    }

    /** The members' stored signals with their facts counted over the windows ending {@code asOf}. */
    Map<String, SignalInputs> inputs(List<String> memberIds, LocalDate asOf) {
        Instant end = asOf.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        var params = new MapSqlParameterSource("ids", memberIds)
                .addValue("short", timestamp(end.minus(java.time.Duration.ofDays(SignalInputs.SHORT_WINDOW_DAYS))))
                .addValue("year", timestamp(end.minus(java.time.Duration.ofDays(SignalInputs.YEAR_WINDOW_DAYS))));
        Map<String, SignalInputs.Counts> counts = new HashMap<>();
        jdbc.query("""
                select member_id,
                  coalesce(sum(quantity) filter (where kind = 'post' and occurred_at >= :short), 0) as posts,
                  coalesce(sum(quantity) filter (where kind = 'content_view' and occurred_at >= :short), 0) as views,
                  coalesce(sum(quantity) filter (where kind = 'event_attended' and occurred_at >= :year), 0) as events,
                  coalesce(sum(quantity) filter (where kind = 'refund' and occurred_at >= :short), 0) as refunds,
                  coalesce(sum(quantity) filter (where kind = 'dues_paid'), 0) as dues,
                  coalesce(sum(quantity) filter (where kind = 'lapse'), 0) as lapses,
                  coalesce(sum(quantity) filter (where kind in ('certified', 'certification_lapsed')), 0) as certifications,
                  count(*) filter (where kind in ('certified', 'certification_lapsed')) as certification_facts
                from member_signal_event where member_id in (:ids) group by member_id
                """, params, rs -> {
            counts.put(rs.getString("member_id"), new SignalInputs.Counts(rs.getInt("posts"), rs.getInt("views"),
                    rs.getInt("events"), rs.getInt("refunds"), rs.getInt("dues"), rs.getInt("lapses"),
                    rs.getInt("certifications"), rs.getInt("certification_facts")));
        });
        Map<String, SignalInputs> inputs = new LinkedHashMap<>();
        jdbc.query("select * from member_signals where member_id in (:ids) order by member_id", params, rs -> {
            MemberRecord m = memberRecord(rs);
            inputs.put(m.memberId(), new SignalInputs(m.memberId(), m.email(), m.ownerId(), m.membershipStatus(),
                    m.membershipLevel(), m.memberSince(), m.renewalDate(), m.ceEarned(), m.ceRequired(), m.lastSeenAt(),
                    m.duesOnTime(), counts.getOrDefault(m.memberId(), SignalInputs.Counts.NONE)));
        });
        return inputs;
    }

    Map<String, Current> current(List<String> memberIds) {
        Map<String, Current> current = new HashMap<>();
        jdbc.query("select member_id, score, band, trend, result::text as result, as_of, revision from member_health where member_id in (:ids)",
                Map.of("ids", memberIds), rs -> {
                    current.put(rs.getString("member_id"), new Current(rs.getString("member_id"), rs.getInt("score"),
                            rs.getString("band"), rs.getString("trend"), rs.getString("result"),
                            rs.getObject("as_of", LocalDate.class), rs.getLong("revision")));
                });
        return current;
    }

    /** Each member's latest recorded score on or before {@code day} (the trend's baseline). */
    Map<String, Integer> scoresOnOrBefore(List<String> memberIds, LocalDate day) {
        Map<String, Integer> scores = new HashMap<>();
        jdbc.query("""
                select distinct on (member_id) member_id, score from member_health_history
                where member_id in (:ids) and as_of <= :day order by member_id, as_of desc, id desc
                """, new MapSqlParameterSource("ids", memberIds).addValue("day", day),
                rs -> {
                    scores.put(rs.getString("member_id"), rs.getInt("score"));
                });
        return scores;
    }

    void writeCurrent(List<CurrentWrite> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into member_health (member_id, score, band, trend, trend_delta, result, model_version, as_of, scored_at)
                values (:id, :score, :band, :trend, :delta, cast(:result as jsonb), :version, :asOf, :scoredAt)
                on conflict (member_id) do update set
                  score = excluded.score, band = excluded.band, trend = excluded.trend, trend_delta = excluded.trend_delta,
                  result = excluded.result, model_version = excluded.model_version, as_of = excluded.as_of,
                  scored_at = case when :changed then excluded.scored_at else member_health.scored_at end,
                  revision = member_health.revision + case when :changed then 1 else 0 end,
                  crm_pending = member_health.crm_pending or :changed,
                  crm_attempts = case when :changed then 0 else member_health.crm_attempts end
                """, rows.stream().map(r -> new MapSqlParameterSource("id", r.memberId()).addValue("score", r.score())
                .addValue("band", r.band()).addValue("trend", r.trend()).addValue("delta", r.trendDelta())
                .addValue("result", r.resultJson()).addValue("version", r.modelVersion()).addValue("asOf", r.asOf())
                .addValue("scoredAt", timestamp(r.scoredAt())).addValue("changed", r.changed()))
                .toArray(MapSqlParameterSource[]::new));
    }

    void addHistory(List<HistoryRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into member_health_history (member_id, as_of, scored_at, score, band, trend, model_version, contributions, cause)
                values (:id, :asOf, :scoredAt, :score, :band, :trend, :version, cast(:contributions as jsonb), :cause)
                """, rows.stream().map(r -> new MapSqlParameterSource("id", r.memberId()).addValue("asOf", r.asOf())
                .addValue("scoredAt", timestamp(r.scoredAt())).addValue("score", r.score()).addValue("band", r.band())
                .addValue("trend", r.trend()).addValue("version", r.modelVersion())
                .addValue("contributions", r.contributionsJson()).addValue("cause", r.cause()))
                .toArray(MapSqlParameterSource[]::new));
    }

    /** Adds entries to the outbox; one whose key is already there is left out. Answers how many were new. */
    int addOutbox(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int added = 0;
        for (int n : jdbc.batchUpdate("""
                insert into health_outbox (idempotency_key, member_id, kind, payload) values (:key, :member, :kind, :payload)
                on conflict (idempotency_key) do nothing
                """, rows.stream().map(r -> new MapSqlParameterSource("key", r.key()).addValue("member", r.memberId())
                .addValue("kind", r.kind()).addValue("payload", r.payload())).toArray(MapSqlParameterSource[]::new))) {
            added += Math.max(n, 0);
        }
        return added;
    }

    // ---- sending: outbox and CRM writes -----------------------------------------------------

    /**
     * Claims up to {@code limit} unsent outbox entries (of one member, or of all when null) for
     * {@code seconds}: another sender skips them meanwhile; a sender that died leaves them to the
     * next after that. {@code olderThanSeconds} leaves entries a live path is still sending alone.
     */
    List<OutboxEntry> claimOutbox(String memberId, int limit, int seconds, int olderThanSeconds) {
        return jdbc.query("""
                update health_outbox set claimed_until = now() + make_interval(secs => :seconds)
                where id in (select id from health_outbox
                             where sent_at is null and (claimed_until is null or claimed_until < now())
                               and (cast(:member as varchar) is null or member_id = :member)
                               and created_at <= now() - make_interval(secs => :older)
                             order by id limit :limit for update skip locked)
                returning id, idempotency_key, member_id, kind, payload
                """, new MapSqlParameterSource("member", memberId).addValue("limit", limit).addValue("seconds", seconds)
                .addValue("older", olderThanSeconds),
                (rs, i) -> new OutboxEntry(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("member_id"),
                        rs.getString("kind"), rs.getString("payload"))).stream()
                .sorted(java.util.Comparator.comparingLong(OutboxEntry::id)).toList();
    }

    void outboxSent(List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.update("update health_outbox set sent_at = now(), claimed_until = null where id in (:ids)", Map.of("ids", ids));
        }
    }

    /** Claims up to {@code limit} current scores the CRM has not been told yet. */
    List<CrmPending> claimCrmWrites(int limit, int seconds, int maxAttempts) {
        return jdbc.query("""
                update member_health set crm_claimed_until = now() + make_interval(secs => :seconds)
                where member_id in (select member_id from member_health
                                    where crm_pending and crm_attempts < :max
                                      and (crm_claimed_until is null or crm_claimed_until < now())
                                    order by scored_at limit :limit for update skip locked)
                returning member_id, score, band, trend, scored_at, revision
                """, new MapSqlParameterSource("limit", limit).addValue("seconds", seconds).addValue("max", maxAttempts),
                (rs, i) -> new CrmPending(rs.getString("member_id"), rs.getInt("score"), rs.getString("band"),
                        rs.getString("trend"), instant(rs.getTimestamp("scored_at")), rs.getLong("revision")));
    }

    /** The CRM holds {@code revision}: done, unless a newer score came meanwhile. */
    void crmWritten(List<CrmPending> written) {
        jdbc.batchUpdate("""
                update member_health set crm_pending = (revision <> :revision), crm_claimed_until = null,
                  crm_error = null, crm_attempts = 0, crm_written_at = now()
                where member_id = :id
                """, written.stream().map(w -> new MapSqlParameterSource("id", w.memberId()).addValue("revision", w.revision()))
                .toArray(MapSqlParameterSource[]::new));
    }

    /** The CRM refused the record: tried again at the next flush, until the attempts run out. */
    void crmFailed(String memberId, String error) {
        jdbc.update("""
                update member_health set crm_attempts = crm_attempts + 1, crm_error = :error, crm_claimed_until = null
                where member_id = :id
                """, new MapSqlParameterSource("id", memberId).addValue("error", error));
    }

    /** Gives back claims of a CRM call that failed as a whole (the next flush tries again). */
    void crmUnclaim(List<String> memberIds) {
        if (!memberIds.isEmpty()) {
            jdbc.update("update member_health set crm_claimed_until = null where member_id in (:ids)", Map.of("ids", memberIds));
        }
    }

    /** Marks every current score as still to be written to the CRM (a forced re-publication). */
    int markAllCrmPending() {
        return jdbc.update("update member_health set crm_pending = true, crm_attempts = 0, crm_claimed_until = null", Map.of());
    }

    // ---- campaigns and jobs -----------------------------------------------------------------

    /** Records a campaign request; answers its id, or empty when its key was recorded before. */
    Optional<Long> addCampaignRequest(String key, String campaign, String source, String memberId, String segmentJson,
                                      String requestedBy, String reason, int memberCount) {
        return jdbc.query("""
                insert into campaign_request (request_key, campaign, source, member_id, segment, requested_by, reason, member_count)
                values (:key, :campaign, :source, :member, cast(:segment as jsonb), :by, :reason, :count)
                on conflict (request_key) do nothing returning id
                """, new MapSqlParameterSource("key", key).addValue("campaign", campaign).addValue("source", source)
                .addValue("member", memberId).addValue("segment", segmentJson).addValue("by", requestedBy)
                .addValue("reason", reason).addValue("count", memberCount), (rs, i) -> rs.getLong(1)).stream().findFirst();
    }

    Optional<Map<String, Object>> campaignRequest(String key) {
        return jdbc.queryForList("select id, request_key, campaign, member_count, requested_at from campaign_request where request_key = :key",
                Map.of("key", key)).stream().findFirst();
    }

    record Attribution(String memberId, String marketingRequestId, Integer score, String band, String modelVersion) {}

    void addAttributions(long requestId, String campaign, List<Attribution> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into campaign_attribution (campaign_request_id, member_id, campaign, marketing_request_id, score, band, model_version)
                values (:request, :member, :campaign, :marketing, :score, :band, :version)
                on conflict (campaign_request_id, member_id) do nothing
                """, rows.stream().map(a -> new MapSqlParameterSource("request", requestId).addValue("member", a.memberId())
                .addValue("campaign", campaign).addValue("marketing", a.marketingRequestId()).addValue("score", a.score())
                .addValue("band", a.band()).addValue("version", a.modelVersion())).toArray(MapSqlParameterSource[]::new));
    }

    /** Members of a segment by their current band and membership level and status (null: any). */
    List<Map<String, Object>> segment(String band, String level, String status, int limit) {
        return jdbc.queryForList("""
                select s.member_id, s.email, h.score, h.band, h.model_version from member_signals s
                join member_health h on h.member_id = s.member_id
                where (cast(:band as varchar) is null or h.band = :band)
                  and (cast(:level as varchar) is null or lower(s.membership_level) = lower(:level))
                  and (cast(:status as varchar) is null or lower(s.membership_status) = lower(:status))
                order by s.member_id limit :limit
                """, new MapSqlParameterSource("band", band).addValue("level", level).addValue("status", status)
                .addValue("limit", limit));
    }

    void addJobRun(String job, Instant startedAt, String reportJson) {
        jdbc.update("insert into health_job_run (job, started_at, report) values (:job, :started, cast(:report as jsonb))",
                new MapSqlParameterSource("job", job).addValue("started", timestamp(startedAt)).addValue("report", reportJson));
    }

    /**
     * Forgets what no window needs any more: outbox entries sent more than {@code keepDays} ago,
     * and dated facts older than every window (dues payments and lapses are kept: they count for
     * the renewal history; certifications awarded and lapsed too: they say whether one is held). Answers the rows removed.
     */
    int prune(int keepDays) {
        int outbox = jdbc.update("delete from health_outbox where sent_at < now() - make_interval(days => :keep)",
                Map.of("keep", keepDays));
        int facts = jdbc.update("""
                delete from member_signal_event where kind not in ('dues_paid', 'lapse', 'certified', 'certification_lapsed')
                  and occurred_at < now() - make_interval(days => :days)
                """, Map.of("days", SignalInputs.YEAR_WINDOW_DAYS + 35));
        return outbox + facts;
    }

    /** The latest job reports, newest first (of one job, or all when null). */
    List<String> jobRuns(String job, int limit) {
        return jdbc.queryForList("""
                select report::text from health_job_run where (cast(:job as varchar) is null or job = :job)
                order by id desc limit :limit
                """, new MapSqlParameterSource("job", job).addValue("limit", limit), String.class);
    }

    // ---- mapping ----------------------------------------------------------------------------

    static MemberRecord memberRecord(ResultSet rs) throws SQLException {
        return new MemberRecord(rs.getString("member_id"), rs.getString("member_number"), rs.getString("email"),
                rs.getString("owner_id"), rs.getString("community_id"), rs.getString("gateway_customer_id"),
                rs.getString("membership_status"), rs.getString("membership_level"),
                rs.getObject("member_since", LocalDate.class), rs.getObject("renewal_date", LocalDate.class),
                doubleOrNull(rs, "ce_earned"), doubleOrNull(rs, "ce_required"), instant(rs.getTimestamp("last_seen_at")),
                rs.getObject("dues_on_time", Integer.class));
    }

    private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        var value = rs.getBigDecimal(column);
        return value == null ? null : value.doubleValue();
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime timestamp(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            chunks.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return chunks;
    }
}
