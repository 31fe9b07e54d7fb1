package org.memberbus.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.memberbus.member.MembershipStatus;
import org.springframework.stereotype.Component;

/**
 * The answers of the customer-success APIs (routes/cs-api.camel.yaml), computed from the stored
 * signals with the model in force, as of today: a member's health with the reasons, lifecycle
 * stage and recommended campaign; expansion readiness; renewal probability with its playbook;
 * and the plan of a lifecycle campaign asked for by staff (validated, recorded for attribution,
 * its commands put in the outbox in the same transaction). Refusals are {@link HealthApiException}.
 */
@Component("healthApi")
public class HealthApi {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9:_.-]{1,100}");

    private final MemberHealth health;
    private final HealthRepository repository;
    private final HealthFlowSettings settings;
    private final HealthMessages messages;
    private final ObjectMapper json;

    public HealthApi(MemberHealth health, HealthRepository repository, HealthFlowSettings settings, ObjectMapper json) {
        this.health = health;
        this.repository = repository;
        this.settings = settings;
        this.messages = new HealthMessages(json);
        this.json = json;
    }

    private record Scored(SignalInputs member, HealthResult result) {}

    /** The member's health now; 404 for a member the bus does not know, 400 for a malformed id. */
    private Scored score(String memberId) {
        if (!HealthSignals.isSalesforceId(memberId)) {
            throw new HealthApiException(400, "member_id must be a CRM contact id (15 or 18 letters and digits)");
        }
        LocalDate today = settings.today();
        SignalInputs member = repository.inputs(List.of(memberId), today).get(memberId);
        if (member == null) {
            throw new HealthApiException(404, "no member " + memberId);
        }
        Integer windowAgo = repository.scoresOnOrBefore(List.of(memberId), today.minusDays(health.trendWindowDays())).get(memberId);
        return new Scored(member, health.score(member.snapshot(today, settings.zone()), windowAgo));
    }

    /** GET /api/v1/cs-marketing/health/{member_id} */
    public Map<String, Object> health(String memberId) {
        Scored s = score(memberId);
        HealthResult r = s.result();
        var body = new LinkedHashMap<String, Object>();
        body.put("memberId", memberId);
        body.put("asOf", r.asOf());
        body.put("score", r.score());
        body.put("band", r.band());
        body.put("trend", r.trend());
        body.put("crm", Map.of("Health_Score__c", r.score(), "Health_Band__c", HealthMessages.crmBand(r.band()),
                "Health_Trend__c", HealthMessages.crmTrend(r.trend().direction().label())));
        List<Map<String, Object>> contributions = new ArrayList<>();
        for (HealthResult.Contribution c : r.contributions()) {
            var row = new LinkedHashMap<String, Object>();
            row.put("signal", c.signal());
            row.put("value", c.value());
            row.put("normalised", Numbers.halfUp(c.normalised(), 4));
            row.put("weight", c.weight());
            row.put("points", c.points());
            row.put("share", r.score() == 0 ? 0.0 : Numbers.halfUp(100 * c.points() / r.score(), 1));
            row.put("counted", c.counted());
            contributions.add(row);
        }
        body.put("contributions", contributions);
        body.put("lifecycleStage", lifecycleStage(s.member(), r.asOf()));
        body.put("recommendedCampaign", recommendedCampaign(s));
        body.put("membership", membership(s.member(), r.asOf()));
        body.put("modelVersion", r.modelVersion());
        return body;
    }

    /** GET /api/v1/cs-sales/expansion/{member_id} */
    public Map<String, Object> expansion(String memberId) {
        Scored s = score(memberId);
        ExpansionReadiness readiness = health.expansionReadiness(s.result(), s.member().level());
        var body = new LinkedHashMap<String, Object>();
        body.put("memberId", memberId);
        body.put("asOf", readiness.asOf());
        body.put("readiness", readiness.readiness());
        body.put("ready", readiness.ready());
        body.put("level", readiness.level());
        body.put("upgradeTo", readiness.upgradeTo());
        body.put("evidence", readiness.evidence());
        body.put("health", Map.of("score", s.result().score(), "band", s.result().band()));
        body.put("membership", membership(s.member(), s.result().asOf()));
        body.put("recommendedCampaign", readiness.ready() && health.campaign(Trigger.Rule.EXPANSION) != null
                ? health.campaign(Trigger.Rule.EXPANSION) : null);
        body.put("modelVersion", readiness.modelVersion());
        return body;
    }

    /** GET /api/v1/cs-marketing/health/jobs: the latest reports of the health jobs, newest first. */
    public List<JsonNode> jobs(String job, Integer limit) {
        int n = limit == null ? 10 : Math.max(1, Math.min(100, limit));
        return repository.jobRuns(job == null || job.isBlank() ? null : job, n).stream().map(this::read).toList();
    }

    /** Whether a path's Membership__c id can be put into SOQL; 400 otherwise. */
    public String membershipId(String membershipId) {
        if (!HealthSignals.isSalesforceId(membershipId)) {
            throw new HealthApiException(400, "membership_id must be a CRM Membership__c id (15 or 18 letters and digits)");
        }
        return membershipId;
    }

    /**
     * GET /api/v1/cs-sales/renewal/risk/{membership_id}, from the CRM's Membership__c record (a
     * SOQL answer): the renewal date and member are the CRM's; the probability comes from the
     * member's health and renewal history.
     */
    public Map<String, Object> renewalRisk(String membershipId, String membershipQueryJson) {
        JsonNode records = read(membershipQueryJson).path("records");
        if (records.isEmpty()) {
            throw new HealthApiException(404, "no membership " + membershipId);
        }
        JsonNode membership = records.get(0);
        String memberId = HealthSignals.text(membership, "Contact__c");
        Scored s;
        try {
            s = score(memberId);
        } catch (HealthApiException e) {
            throw new HealthApiException(404, "membership " + membershipId + " belongs to no member the bus knows");
        }
        LocalDate renewal = HealthSignals.date(membership, "End_Date__c");
        RenewalRisk risk = health.renewalRisk(s.result(), renewal, s.member().priorRenewals(), s.member().priorLapses());
        var body = new LinkedHashMap<String, Object>();
        body.put("membershipId", membershipId);
        body.put("memberId", memberId);
        body.put("status", HealthSignals.text(membership, "Status__c"));
        body.put("level", HealthSignals.text(membership, "Level__c"));
        body.put("autoRenew", membership.path("Auto_Renew__c").asBoolean(false));
        body.put("renewalDate", risk.renewalDate());
        body.put("daysToRenewal", risk.daysToRenewal());
        body.put("probability", risk.probability());
        body.put("risk", RenewalOutlook.risk(risk.probability()));
        body.put("playbook", Map.of("name", risk.playbook(), "description", risk.playbookDescription()));
        body.put("evidence", risk.evidence());
        body.put("health", Map.of("score", s.result().score(), "band", s.result().band(), "trend", s.result().trend()));
        body.put("priorRenewals", s.member().priorRenewals());
        body.put("priorLapses", s.member().priorLapses());
        body.put("modelVersion", risk.modelVersion());
        return body;
    }

    /** Where the member stands in the membership lifecycle. */
    String lifecycleStage(SignalInputs m, LocalDate today) {
        MembershipStatus status = m.status();
        if (status == null) {
            return "unknown";
        }
        return switch (status) {
            case PENDING -> "applicant";
            case LAPSED -> "lapsed";
            case ARCHIVED -> "former";
            case ACTIVE -> {
                if (m.renewalDate() != null && ChronoUnit.DAYS.between(today, m.renewalDate()) <= settings.renewalDueDays()) {
                    yield "renewal-due";
                }
                if (m.memberSince() != null && ChronoUnit.DAYS.between(m.memberSince(), today) < settings.newMemberDays()) {
                    yield "new";
                }
                yield "established";
            }
        };
    }

    /** The lifecycle campaign that fits the member now, with why; null when none does. */
    private Map<String, Object> recommendedCampaign(Scored s) {
        SignalInputs m = s.member();
        HealthResult r = s.result();
        MembershipStatus status = m.status();
        String campaign = null;
        String why = null;
        if (status == MembershipStatus.LAPSED) {
            campaign = "reactivation";
            why = "membership lapsed on " + m.renewalDate();
        } else if (status == MembershipStatus.ACTIVE || status == MembershipStatus.PENDING) {
            HealthResult.Contribution ce = r.contribution("ce_credits");
            if (r.band() == Band.AT_RISK && health.campaign(Trigger.Rule.RETENTION) != null) {
                campaign = health.campaign(Trigger.Rule.RETENTION);
                why = "health " + r.score() + " is at risk; gaps: " + HealthMessages.gaps(r);
            } else if (health.expansionReadiness(r, m.level()).ready() && health.campaign(Trigger.Rule.EXPANSION) != null) {
                campaign = health.campaign(Trigger.Rule.EXPANSION);
                why = "ready for an upgrade from " + m.level();
            } else if (ce != null && ce.counted() && ce.normalised() < 0.5) {
                campaign = "ce-gap";
                why = "CE credits " + Numbers.plain(ce.value()) + " of " + Numbers.plain(m.ceRequired()) + " required";
            } else if ("renewal-due".equals(lifecycleStage(m, r.asOf()))) {
                campaign = "renewal-notice";
                why = "membership ends on " + m.renewalDate();
            }
        }
        if (campaign == null) {
            return null;
        }
        return Map.of("campaign", campaign, "reason", why);
    }

    private static Map<String, Object> membership(SignalInputs m, LocalDate today) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", m.membershipStatus());
        body.put("level", m.membershipLevel());
        body.put("memberSince", m.memberSince());
        body.put("renewalDate", m.renewalDate());
        body.put("daysToRenewal", m.renewalDate() == null ? null : ChronoUnit.DAYS.between(today, m.renewalDate()));
        return body;
    }

    // ---- POST /api/v1/cs-marketing/campaigns -------------------------------------------------

    /**
     * Validates a campaign request, records it and the members it goes to (with their health
     * then) for attribution, and puts one marketing command per member in the outbox, all in one
     * transaction. A request carrying a {@code requestId} already recorded is answered as before
     * and not sent again. Answers the request as recorded; {@code status} 202 new, 200 repeated.
     */
    public Map<String, Object> requestCampaign(String body, String requestedBy) {
        JsonNode request;
        try {
            request = json.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new HealthApiException(400, "body must be JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (request == null || !request.isObject()) {
            throw new HealthApiException(400, "body must be a JSON object {campaign, memberId | segment}");
        }
        List<String> reasons = new ArrayList<>();
        String campaign = request.path("campaign").isTextual() ? request.path("campaign").asText() : null;
        if (campaign == null || campaign.isBlank()) {
            reasons.add("campaign is required, one of " + settings.lifecycleCampaigns());
        } else if (!settings.lifecycleCampaigns().contains(campaign)) {
            reasons.add("campaign '" + campaign + "' is not a lifecycle campaign; known: " + settings.lifecycleCampaigns());
        }
        boolean hasMember = request.hasNonNull("memberId");
        boolean hasSegment = request.hasNonNull("segment");
        if (hasMember == hasSegment) {
            reasons.add("give either memberId (one member) or segment {band, level} (a group), not " + (hasMember ? "both" : "neither"));
        }
        String memberId = hasMember ? request.path("memberId").asText() : null;
        if (hasMember && !HealthSignals.isSalesforceId(memberId)) {
            reasons.add("memberId must be a CRM contact id (15 or 18 letters and digits)");
        }
        String band = null;
        String level = null;
        String status = "active";
        if (hasSegment) {
            JsonNode segment = request.path("segment");
            if (!segment.isObject()) {
                reasons.add("segment must be an object {band, level, status}");
            } else {
                band = lowerText(segment, "band");
                level = lowerText(segment, "level");
                if (segment.has("status")) {
                    status = lowerText(segment, "status");
                }
                if (band == null && level == null) {
                    reasons.add("segment needs band (healthy, watch, at_risk) or level (student, associate, professional, fellow)");
                }
                if (band != null && Band.ofLabel(band) == null) {
                    reasons.add("segment.band '" + band + "' must be one of healthy, watch, at_risk");
                }
                if (level != null && SignalInputs.parse(org.memberbus.member.MembershipLevel.class, level) == null) {
                    reasons.add("segment.level '" + level + "' must be one of student, associate, professional, fellow");
                }
                if ("any".equals(status)) {
                    status = null;
                } else if (status == null || SignalInputs.parse(MembershipStatus.class, status) == null) {
                    reasons.add("segment.status must be pending, active, lapsed, archived or any");
                }
            }
        }
        String requestKey = request.hasNonNull("requestId") ? request.path("requestId").asText() : null;
        if (requestKey != null && !REQUEST_ID.matcher(requestKey).matches()) {
            reasons.add("requestId must be 1-100 letters, digits or :_.-");
        }
        String reason = request.hasNonNull("reason") ? request.path("reason").asText() : null;
        if (reason != null && reason.length() > 500) {
            reasons.add("reason must be at most 500 characters");
        }
        if (!reasons.isEmpty()) {
            throw new HealthApiException(400, String.join("; ", reasons));
        }
        String key = requestKey != null ? requestKey : "cr_" + UUID.randomUUID();
        if (requestKey != null) {
            Optional<Map<String, Object>> earlier = repository.campaignRequest(key);
            if (earlier.isPresent()) {
                return answer(earlier.get(), 200);
            }
        }
        List<Map<String, Object>> members;
        if (hasMember) {
            MemberRecord m = repository.member(memberId).orElseThrow(() -> new HealthApiException(404, "no member " + memberId));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("member_id", m.memberId());
            row.put("email", m.email());
            repository.current(List.of(memberId)).values().stream().findFirst().ifPresent(c -> {
                row.put("score", c.score());
                row.put("band", c.band());
            });
            members = List.of(row);
        } else {
            members = repository.segment(band, level, status, settings.segmentMax() + 1);
            if (members.size() > settings.segmentMax()) {
                throw new HealthApiException(422, "the segment holds more than " + settings.segmentMax()
                        + " members; narrow it (band, level, status)");
            }
        }
        String segmentJson = hasSegment ? messages.write(segmentOf(band, level, status)) : null;
        String version = health.version();
        List<Map<String, Object>> chosen = members;
        String finalBand = band;
        Map<String, Object> recorded = repository.transaction.execute(tx -> {
            Optional<Long> id = repository.addCampaignRequest(key, campaign, "api", memberId, segmentJson, requestedBy,
                    reason, chosen.size());
            if (id.isEmpty()) {
                return null;   // the same requestId, recorded meanwhile
            }
            List<HealthRepository.Attribution> attributions = new ArrayList<>();
            List<HealthRepository.OutboxRow> commands = new ArrayList<>();
            for (Map<String, Object> m : chosen) {
                String member = (String) m.get("member_id");
                String marketingRequestId = "api:" + key + ":" + member;
                Integer score = m.get("score") instanceof Number n ? n.intValue() : null;
                String memberBand = (String) m.get("band");
                attributions.add(new HealthRepository.Attribution(member, marketingRequestId, score, memberBand,
                        score == null ? null : version));
                commands.add(new HealthRepository.OutboxRow(marketingRequestId, member, HealthMessages.CAMPAIGN,
                        messages.campaignCommand(campaign, member, (String) m.get("email"), null,
                                reason != null ? reason : "requested by " + requestedBy)));
            }
            repository.addAttributions(id.get(), campaign, attributions);
            repository.addOutbox(commands);
            return repository.campaignRequest(key).orElseThrow();
        });
        if (recorded == null) {
            return answer(repository.campaignRequest(key).orElseThrow(), 200);
        }
        Map<String, Object> answer = answer(recorded, 202);
        if (finalBand != null || level != null) {
            answer.put("segment", segmentOf(finalBand, level, status));
        } else {
            answer.put("memberId", memberId);
        }
        return answer;
    }

    /** Who is asking: the authenticated user (Spring Security), else the name in a basic Authorization header. */
    public String requestedBy(String authorization) {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getName() != null && !"anonymousUser".equals(auth.getName())) {
            return auth.getName();
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(java.util.Base64.getDecoder().decode(authorization.substring(6).trim()),
                        java.nio.charset.StandardCharsets.UTF_8);
                return pair.contains(":") ? pair.substring(0, pair.indexOf(':')) : pair;
            } catch (IllegalArgumentException e) {
                return "unknown";
            }
        }
        return "unknown";
    }

    /** The body of a refusal: {@code {"status": 4xx, "error": reason}} (the refusal may come wrapped by Camel). */
    public Map<String, Object> problem(Throwable e) {
        HealthApiException refusal = refusal(e);
        var body = new LinkedHashMap<String, Object>();
        body.put("status", refusal == null ? 500 : refusal.getStatus());
        body.put("error", refusal == null ? String.valueOf(e) : refusal.getReason());
        return body;
    }

    /** The HTTP status of a refusal, 500 for anything else. */
    public int statusOf(Throwable e) {
        HealthApiException refusal = refusal(e);
        return refusal == null ? 500 : refusal.getStatus();
    }

    private static HealthApiException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HealthApiException h) {
                return h;
            }
        }
        return null;
    }

    private static Map<String, Object> segmentOf(String band, String level, String status) {
        var segment = new LinkedHashMap<String, Object>();
        segment.put("band", band);
        segment.put("level", level);
        segment.put("status", status == null ? "any" : status);
        return segment;
    }

    private static Map<String, Object> answer(Map<String, Object> row, int status) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("status", status);
        answer.put("requestId", row.get("request_key"));
        answer.put("campaign", row.get("campaign"));
        answer.put("members", row.get("member_count"));
        answer.put("requestedAt", String.valueOf(row.get("requested_at")));
        answer.put("state", status == 202 ? "accepted" : "already requested");
        return answer;
    }

    private static String lowerText(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText().trim().toLowerCase(Locale.ROOT) : null;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("the CRM's answer is not JSON", e);
        }
    }
}
