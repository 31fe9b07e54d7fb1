package org.memberbus.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a change of health says to the world, computed only: the health.changed fact, and for each
 * trigger its outbox entry (campaign command, CRM task command, renewal_risk_change fact) under a
 * deterministic idempotency key, so the same transition on the same day is one entry however many
 * times it is decided. Also the CRM's spelling of band and trend.
 */
public final class HealthMessages {

    static final String HEALTH_CHANGED = "health-changed";
    static final String RENEWAL_RISK = "renewal-risk";
    static final String CAMPAIGN = "campaign";
    static final String TASK = "task";

    private final ObjectMapper json;

    public HealthMessages(ObjectMapper json) {
        this.json = json;
    }

    /** Health_Band__c: Healthy, Watch, At Risk. */
    public static String crmBand(Band band) {
        return switch (band) {
            case HEALTHY -> "Healthy";
            case WATCH -> "Watch";
            case AT_RISK -> "At Risk";
        };
    }

    public static String crmBand(String label) {
        Band band = Band.ofLabel(label);
        return band == null ? null : crmBand(band);
    }

    /** Health_Trend__c: Improving, Stable, Declining (no score to compare with yet counts as stable). */
    public static String crmTrend(String direction) {
        return switch (direction == null ? "none" : direction) {
            case "up" -> "Improving";
            case "down" -> "Declining";
            default -> "Stable";
        };
    }

    /** The health.changed fact (Kafka, keyed by member). */
    public String healthChanged(HealthResult result, HealthResult previous, Instant scoredAt, String cause) {
        var body = new LinkedHashMap<String, Object>();
        body.put("memberId", result.memberId());
        body.put("score", result.score());
        body.put("band", result.band());
        body.put("trend", result.trend());
        body.put("crm", Map.of("Health_Band__c", crmBand(result.band()),
                "Health_Trend__c", crmTrend(result.trend().direction().label())));
        body.put("contributions", result.contributions());
        body.put("modelVersion", result.modelVersion());
        body.put("asOf", result.asOf());
        body.put("scoredAt", scoredAt);
        if (previous != null) {
            body.put("previous", Map.of("score", previous.score(), "band", previous.band(), "asOf", previous.asOf()));
        }
        body.put("cause", cause);
        return write(body);
    }

    /**
     * The outbox entries for the triggers fired for one member. {@code renewalRisk} is the
     * renewal forecast to put in a renewal_risk_change event (computed by the caller).
     */
    public List<HealthRepository.OutboxRow> triggers(List<Trigger> fired, HealthResult result, HealthResult previous,
                                              SignalInputs member, RenewalRisk renewalRisk) {
        List<HealthRepository.OutboxRow> rows = new ArrayList<>(fired.size());
        String id = result.memberId();
        LocalDate day = result.asOf();
        for (Trigger t : fired) {
            switch (t.action()) {
                case CAMPAIGN -> rows.add(new HealthRepository.OutboxRow(campaignKey(t.name(), id, day), id, CAMPAIGN,
                        campaignCommand(t.name(), id, member.email(), result, t.reason())));
                case TASK -> rows.add(new HealthRepository.OutboxRow(t.rule().label() + "-task:" + id + ":" + day, id, TASK,
                        task(t, id, member.ownerId(), result)));
                case EVENT -> {
                    String from = previous == null ? "none" : previous.band().label();
                    rows.add(new HealthRepository.OutboxRow(
                            "renewal-risk:" + id + ":" + day + ":" + from + "-" + result.band().label(), id, RENEWAL_RISK,
                            renewalRiskChange(t, result, previous, member.renewalDate(), renewalRisk)));
                }
            }
        }
        return rows;
    }

    /** The marketing system's requestId of a health-triggered campaign: once per member, campaign and day. */
    public static String campaignKey(String campaign, String memberId, LocalDate day) {
        return campaign + ":" + memberId + ":" + day;
    }

    /** The marketing.trigger command's body. */
    String campaignCommand(String campaign, String memberId, String email, HealthResult result, String reason) {
        var tokens = new LinkedHashMap<String, Object>();
        if (result != null) {
            tokens.put("healthScore", result.score());
            tokens.put("healthBand", result.band().label());
        }
        if (reason != null) {
            tokens.put("reason", reason);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("campaign", campaign);
        body.put("crmContactId", memberId);
        if (email != null) {
            body.put("email", email);
        }
        body.put("tokens", tokens);
        return write(body);
    }

    /** The CRM follow-up task for the relationship owner (crm.write createSObject Task). */
    private String task(Trigger t, String memberId, String ownerId, HealthResult result) {
        var body = new LinkedHashMap<String, Object>();
        body.put("WhoId", memberId);
        if (ownerId != null) {
            body.put("OwnerId", ownerId);
        }
        body.put("Subject", t.name());
        body.put("ActivityDate", t.due().toString());
        body.put("Priority", "High");
        body.put("Status", "Not Started");
        body.put("Description", "Health score " + result.score() + " (" + crmBand(result.band()) + ", model "
                + result.modelVersion() + "): " + t.reason() + ". Strongest gaps: " + gaps(result) + ".");
        return write(body);
    }

    /** The signals that cost the member the most points, for the owner's call. */
    public static String gaps(HealthResult result) {
        double total = result.contributions().stream().filter(HealthResult.Contribution::counted)
                .mapToDouble(HealthResult.Contribution::weight).sum();
        return result.contributions().stream().filter(HealthResult.Contribution::counted)
                .sorted((a, b) -> Double.compare(b.weight() * (1 - b.normalised()), a.weight() * (1 - a.normalised())))
                .limit(3)
                .map(c -> c.signal() + " " + (c.value() == null ? "unknown" : Numbers.plain(c.value()))
                        + " (" + Numbers.halfUp(100 * c.weight() * (1 - c.normalised()) / total, 1) + " points short)")
                .reduce((a, b) -> a + ", " + b).orElse("none");
    }

    private String renewalRiskChange(Trigger t, HealthResult result, HealthResult previous, LocalDate renewalDate,
                                     RenewalRisk risk) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", t.name());
        body.put("memberId", result.memberId());
        body.put("previousBand", previous == null ? null : previous.band());
        body.put("band", result.band());
        body.put("score", result.score());
        body.put("renewalDate", renewalDate);
        body.put("daysToRenewal", renewalDate == null ? null : ChronoUnit.DAYS.between(result.asOf(), renewalDate));
        if (risk != null) {
            body.put("probability", risk.probability());
            body.put("playbook", risk.playbook());
        }
        body.put("reason", t.reason());
        body.put("modelVersion", result.modelVersion());
        body.put("asOf", result.asOf());
        return write(body);
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    HealthResult readResult(String text) {
        try {
            return json.readValue(text, HealthResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored health result is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
