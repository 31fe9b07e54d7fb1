package org.memberbus.engagement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.memberbus.crm.dto.Contact;
import org.memberbus.infra.ConfigFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each member's engagement score (issue 12): every community activity counted once (by its event
 * id), the score recomputed from the activities in the model's window with each kind's
 * contribution explained, kept in PostgreSQL (V16), written to the CRM contact in batches
 * ({@code Engagement_Score__c}, 200 a call), and an upward crossing of a threshold turned into a
 * campaign command with a key of its own (member, threshold, crossing number), kept with the
 * score until it is queued: consumed again after a crash, the same key goes out and the marketing
 * sink sends it once. Computes and stores; the routes in routes/engagement-score.camel.yaml send.
 */
@Component("engagementScores")
public class EngagementScores {

    private static final Logger LOG = LoggerFactory.getLogger(EngagementScores.class);
    private static final Pattern CONTACT_ID = Pattern.compile("003[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");
    static final int CRM_BATCH = 200;

    /** A score owed to the CRM: the member, the score and the version it is. */
    public record CrmPending(String memberId, int score, long version) {}

    private final ConfigFile<EngagementModel> model;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    @Autowired
    EngagementScores(@Value("${memberbus.engagement.model-path:config/engagement-model.yaml}") String path,
                     JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json) {
        this(new ConfigFile<>("Engagement model", path, EngagementModel::parse, EngagementModel::describe), jdbc,
                new TransactionTemplate(transactions), json, Clock.systemUTC());
    }

    EngagementScores(ConfigFile<EngagementModel> model, JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper json,
                     Clock clock) {
        this.model = model;
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /**
     * One community activity (the webhook event as the community sent it, the Kafka key its
     * member): counted once, the member's score recomputed. Answers the campaign commands owed for
     * the member (new crossings, and any an earlier attempt decided but did not queue), each a map
     * {campaign, crmContactId, tokens, requestId}; empty for someone without a CRM id or an
     * activity the model gives no points.
     */
    public List<Map<String, Object>> record(String event, String memberKey) throws JsonProcessingException {
        if (memberKey == null || !CONTACT_ID.matcher(memberKey).matches()) {
            return List.of();
        }
        JsonNode root = json.readTree(event);
        var kind = root.path("type").asText();
        var current = model.current();
        if (!current.points().containsKey(kind)) {
            return pending(memberKey);
        }
        var eventId = root.path("id").asText();
        var at = parseInstant(root.path("created").asText(null));
        return tx.execute(status -> {
            jdbc.update("insert into engagement_activity (event_id, member_id, kind, occurred_at) values (?, ?, ?, ?)"
                    + " on conflict (event_id) do nothing", eventId, memberKey, kind, Timestamp.from(at));
            rescore(memberKey, current);
            return pending(memberKey);
        });
    }

    /** The campaigns owed for the member were queued (the marketing sink sends each key once). */
    public void queued(String memberId) {
        jdbc.update("update engagement_score set pending_campaign = null where member_id = ?", memberId);
    }

    private void rescore(String memberId, EngagementModel current) {
        var since = Timestamp.from(clock.instant().minus(Duration.ofDays(current.windowDays())));
        var counts = new LinkedHashMap<String, Integer>();
        jdbc.query("select kind, count(*) from engagement_activity where member_id = ? and occurred_at >= ?"
                + " group by kind", rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                }, memberId, since);
        var contributions = current.contributions(counts);
        int score = contributions.stream().mapToInt(EngagementModel.Contribution::contribution).sum();
        var rows = jdbc.queryForList("select score, crossed, crossings, pending_campaign from engagement_score"
                + " where member_id = ? for update", memberId);
        int before = rows.isEmpty() ? 0 : ((Number) rows.get(0).get("score")).intValue();
        var crossed = rows.isEmpty() ? new LinkedHashSet<Integer>() : parseCrossed((String) rows.get(0).get("crossed"));
        int crossings = rows.isEmpty() ? 0 : ((Number) rows.get(0).get("crossings")).intValue();
        var owed = new ArrayList<Map<String, Object>>(rows.isEmpty() ? List.of() : campaigns((String) rows.get(0).get("pending_campaign")));
        for (var threshold : current.thresholds()) {
            if (score >= threshold.score() && !crossed.contains(threshold.score())) {
                crossed.add(threshold.score());
                crossings++;
                var command = new LinkedHashMap<String, Object>();
                command.put("campaign", threshold.campaign());
                command.put("crmContactId", memberId);
                command.put("tokens", Map.of("engagementScore", score, "threshold", threshold.score()));
                command.put("requestId", "engagement/" + memberId + "/" + threshold.score() + "/" + crossings);
                owed.add(command);
                LOG.info("Engagement of {} crossed {} ({} -> {}): campaign {}", memberId, threshold.score(), before,
                        score, threshold.campaign());
            } else if (score < threshold.score()) {
                crossed.remove(threshold.score());
            }
        }
        var explained = write(contributions);
        var crossedText = crossed.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        var pendingText = owed.isEmpty() ? null : write(owed);
        if (rows.isEmpty()) {
            jdbc.update("insert into engagement_score (member_id, score, contributions, version, crossed, crossings,"
                    + " pending_campaign) values (?, ?, ?, 1, ?, ?, ?)", memberId, score, explained, crossedText,
                    crossings, pendingText);
        } else {
            jdbc.update("update engagement_score set score = ?, contributions = ?, crossed = ?, crossings = ?,"
                    + " pending_campaign = ?, updated_at = now(), version = version + case when score <> ? then 1 else 0 end"
                    + " where member_id = ?", score, explained, crossedText, crossings, pendingText, score, memberId);
        }
    }

    private List<Map<String, Object>> pending(String memberId) {
        var rows = jdbc.queryForList("select pending_campaign from engagement_score where member_id = ?", memberId);
        return rows.isEmpty() ? List.of() : campaigns((String) rows.get(0).get("pending_campaign"));
    }

    // ---- the CRM ----------------------------------------------------------------------------

    /** Up to 200 scores the CRM has not got yet. */
    public List<CrmPending> claimCrmWrites() {
        return jdbc.query("select member_id, score, version from engagement_score where crm_version < version"
                        + " order by updated_at limit " + CRM_BATCH,
                (rs, i) -> new CrmPending(rs.getString(1), rs.getInt(2), rs.getLong(3)));
    }

    /** The claimed scores as Contact updates for one sObject Collections call. */
    public List<Contact> contacts(List<CrmPending> claimed) {
        var contacts = new ArrayList<Contact>(claimed.size());
        for (var p : claimed) {
            var contact = new Contact();
            contact.setId(p.memberId());
            contact.setEngagement_Score__c((double) p.score());
            contacts.add(contact);
        }
        return contacts;
    }

    /** Records what the CRM took (results in the order sent); a refused record is tried at the next flush. */
    public int crmWritten(List<CrmPending> claimed, List<?> results) {
        int written = 0;
        for (int i = 0; i < claimed.size(); i++) {
            var result = results != null && i < results.size() ? results.get(i) : null;
            var p = claimed.get(i);
            if (result instanceof SaveSObjectResult saved && Boolean.TRUE.equals(saved.getSuccess())) {
                jdbc.update("update engagement_score set crm_version = greatest(crm_version, ?) where member_id = ?",
                        p.version(), p.memberId());
                written++;
            } else {
                LOG.warn("Engagement score of {} refused by the CRM: {}", p.memberId(),
                        result instanceof SaveSObjectResult saved ? saved.getErrors() : "no result");
            }
        }
        return written;
    }

    // ---- the API ----------------------------------------------------------------------------

    /** The member's score explained (null: no activity counted yet). */
    public Map<String, Object> explain(String memberId) throws JsonProcessingException {
        if (memberId == null || !CONTACT_ID.matcher(memberId).matches()) {
            throw new IllegalArgumentException("member: not a CRM contact id (003..., 15 or 18 characters)");
        }
        var rows = jdbc.queryForList("select score, contributions, crossed, version, crm_version, updated_at"
                + " from engagement_score where member_id = ?", memberId);
        if (rows.isEmpty()) {
            return null;
        }
        var row = rows.get(0);
        var answer = new LinkedHashMap<String, Object>();
        answer.put("memberId", memberId);
        answer.put("score", row.get("score"));
        answer.put("contributions", json.readValue((String) row.get("contributions"), new TypeReference<List<Map<String, Object>>>() {}));
        answer.put("thresholdsReached", parseCrossed((String) row.get("crossed")));
        answer.put("inCrm", ((Number) row.get("crm_version")).longValue() >= ((Number) row.get("version")).longValue());
        answer.put("updatedAt", String.valueOf(row.get("updated_at")));
        answer.put("windowDays", model.current().windowDays());
        return answer;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, Object>> campaigns(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(text, new TypeReference<List<Map<String, Object>>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<Integer> parseCrossed(String text) {
        var crossed = new LinkedHashSet<Integer>();
        if (text != null && !text.isBlank()) {
            Arrays.stream(text.split(",")).map(String::trim).map(Integer::valueOf).forEach(crossed::add);
        }
        return crossed;
    }

    private Instant parseInstant(String text) {
        try {
            return text == null ? clock.instant() : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return clock.instant();
        }
    }
}
