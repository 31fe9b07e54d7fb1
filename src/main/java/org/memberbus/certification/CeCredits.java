package org.memberbus.certification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.memberbus.crm.dto.CE_Credit__c;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Continuing-education credits a member logs on the community (routes/certification-ce.camel.yaml),
 * checked against config/certification.yaml: a known category, at most the per-activity credits,
 * evidence where the category asks for it, an earned date inside the member's current
 * certification cycle, and at most the category's credits per cycle. Every decision is kept
 * (table {@code ce_credit}, by the community's activity id), so the same activity sent again gets
 * the same answer and counts once.
 */
public class CeCredits {

    /** A logged activity, as the community posts it. */
    public record Activity(String activityId, String crmContactId, String category, BigDecimal credits,
                           LocalDate earnedOn, String evidenceUrl, String title) {}

    /** The member's current cycle, from their active certification in the CRM. */
    public record Cycle(LocalDate start, LocalDate end, int required) {}

    /** The answer: accepted or rejected (with the reason), and the balance of the cycle. */
    public record Decision(String activityId, String crmContactId, String decision, String reason, String category,
                           BigDecimal credits, LocalDate earnedOn, BigDecimal earned, Integer required,
                           LocalDate cycleEnd) {

        public boolean accepted() {
            return "accepted".equals(decision);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcTemplate jdbc;
    private final CertificationRules rules;
    private final Clock clock;

    public CeCredits(JdbcTemplate jdbc, CertificationRules rules, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.clock = clock;
    }

    /** The body as an activity; an IllegalArgumentException (400) names what is missing or wrong. */
    public Activity read(String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        var activityId = text(json, "activityId");
        var contact = text(json, "crmContactId");
        if (!contact.matches("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?")) {
            throw new IllegalArgumentException("crmContactId is not a Salesforce id");
        }
        if (!json.path("credits").isNumber()) {
            throw new IllegalArgumentException("credits must be a number");
        }
        LocalDate earned;
        try {
            earned = LocalDate.parse(text(json, "earnedOn"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("earnedOn must be a date as YYYY-MM-DD");
        }
        var evidence = json.hasNonNull("evidenceUrl") ? json.get("evidenceUrl").asText() : null;
        return new Activity(activityId, contact, text(json, "category"), json.get("credits").decimalValue(), earned,
                evidence, json.path("title").asText(null));
    }

    private static String text(JsonNode json, String field) {
        var value = json.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.asText().length() > 100) {
            throw new IllegalArgumentException(field + " is longer than 100 characters");
        }
        return value.asText();
    }

    /** The decision taken before for this activity, if any. */
    public Decision earlier(Activity a) {
        return jdbc.query("select * from ce_credit where source_key = ?", (rs, n) -> {
            var balance = balance(rs.getString("crm_contact_id"), null);
            return new Decision(a.activityId(), rs.getString("crm_contact_id"), rs.getString("decision"),
                    rs.getString("reason"), rs.getString("category"), rs.getBigDecimal("credits"),
                    rs.getDate("earned_on").toLocalDate(), balance, null, null);
        }, a.activityId()).stream().findFirst().orElse(null);
    }

    public boolean decidedBefore(Activity a) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists(select 1 from ce_credit where source_key = ?)",
                Boolean.class, a.activityId()));
    }

    /** The SOQL for the member's current certification. */
    public String cycleQuery(Activity a) {
        return "SELECT Program__c, Awarded_Date__c, Expiration_Date__c, CE_Required__c FROM Certification__c WHERE Contact__c = '"
                + a.crmContactId() + "' AND Status__c = 'Active' ORDER BY Expiration_Date__c DESC LIMIT 1";
    }

    public Optional<Cycle> cycle(String queryAnswer) throws Exception {
        var record = JSON.readTree(queryAnswer).path("records").path(0);
        if (record.isMissingNode() || !record.path("Expiration_Date__c").isTextual()) {
            return Optional.empty();
        }
        var end = LocalDate.parse(record.get("Expiration_Date__c").asText());
        var start = record.path("Awarded_Date__c").isTextual() ? LocalDate.parse(record.get("Awarded_Date__c").asText())
                : end.minusYears(3);
        // a renewed certification's cycle is its last one: one cycle back from its expiry
        var program = rules.programNamed(record.path("Program__c").asText(""));
        if (program.isPresent()) {
            var cycleStart = Renewals.cycleStart(end, program.get().cycleYears());
            start = start.isAfter(cycleStart) ? start : cycleStart;
        }
        return Optional.of(new Cycle(start, end, record.path("CE_Required__c").asInt(0)));
    }

    /** Checks the activity against the rules and the cycle, and keeps the decision. */
    public synchronized Decision decide(Activity a, Optional<Cycle> cycle) {
        String reason = reason(a, cycle);
        var decision = reason == null ? "accepted" : "rejected";
        jdbc.update("insert into ce_credit (source_key, crm_contact_id, category, credits, earned_on, decision, reason) "
                + "values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing", a.activityId(), a.crmContactId(),
                a.category(), a.credits(), Date.valueOf(a.earnedOn()), decision, reason);
        var c = cycle.orElse(null);
        return new Decision(a.activityId(), a.crmContactId(), decision, reason, a.category(), a.credits(), a.earnedOn(),
                balance(a.crmContactId(), c), c == null ? null : c.required(), c == null ? null : c.end());
    }

    private String reason(Activity a, Optional<Cycle> cycle) {
        var category = rules.ceCategory(a.category()).orElse(null);
        if (category == null) {
            return "category '" + a.category() + "' is not one of " + rules.ceCategories();
        }
        if (a.credits().signum() <= 0 || a.credits().doubleValue() > rules.maxCreditsPerActivity()) {
            return "credits must be more than 0 and at most " + rules.maxCreditsPerActivity() + " for one activity";
        }
        if (category.evidenceRequired() && (a.evidenceUrl() == null || !a.evidenceUrl().matches("^https?://\\S+$"))) {
            return "category '" + a.category() + "' needs evidence: an http(s) evidenceUrl";
        }
        if (a.earnedOn().isAfter(LocalDate.now(clock))) {
            return "earnedOn is in the future";
        }
        if (cycle.isEmpty()) {
            return "the member holds no active certification to earn CE credits for";
        }
        var c = cycle.get();
        if (a.earnedOn().isBefore(c.start()) || a.earnedOn().isAfter(c.end())) {
            return "earnedOn is outside the current certification cycle (" + c.start() + " to " + c.end() + ")";
        }
        var used = jdbc.queryForObject("select coalesce(sum(credits), 0) from ce_credit where crm_contact_id = ? "
                + "and category = ? and decision = 'accepted' and earned_on between ? and ?", BigDecimal.class,
                a.crmContactId(), a.category(), Date.valueOf(c.start()), Date.valueOf(c.end()));
        if (used.add(a.credits()).doubleValue() > category.maxPerCycle()) {
            return "category '" + a.category() + "' counts at most " + category.maxPerCycle() + " credits per cycle; "
                    + used.stripTrailingZeros().toPlainString() + " already accepted";
        }
        return null;
    }

    private BigDecimal balance(String contact, Cycle c) {
        return c == null
                ? jdbc.queryForObject("select coalesce(sum(credits), 0) from ce_credit where crm_contact_id = ? "
                        + "and decision = 'accepted'", BigDecimal.class, contact)
                : jdbc.queryForObject("select coalesce(sum(credits), 0) from ce_credit where crm_contact_id = ? "
                        + "and decision = 'accepted' and earned_on between ? and ?", BigDecimal.class, contact,
                        Date.valueOf(c.start()), Date.valueOf(c.end()));
    }

    /**
     * Enters CEUs earned at an event (an award of the events flow: contactId, sourceKey, credits,
     * earnedOn) in the CE ledger as accepted, once per award: they count toward the cycle like
     * the credits members log. An award without a date counts on the day it is entered.
     */
    public void recordEventCredit(Map<String, Object> award) {
        var earnedOn = award.get("earnedOn") instanceof String day && !day.isBlank() ? LocalDate.parse(day)
                : LocalDate.now(clock);
        jdbc.update("insert into ce_credit (source_key, crm_contact_id, category, credits, earned_on, decision) "
                + "values (?, ?, 'event', ?, ?, 'accepted') on conflict do nothing", award.get("sourceKey"),
                award.get("contactId"), award.get("credits"), Date.valueOf(earnedOn));
    }

    /** The answer's HTTP status: 422 rejected, 201 accepted now, 200 accepted before. */
    public String status(Decision d, boolean repeat) {
        return !d.accepted() ? "422" : repeat ? "200" : "201";
    }

    /** The CRM's record, upserted by {@code Source_Key__c} (the community's activity id). */
    public CE_Credit__c crmRecord(Decision d) {
        var c = new CE_Credit__c();
        c.setSource_Key__c(d.activityId());
        c.setContact__c(d.crmContactId());
        c.setCredits__c(d.credits().doubleValue());
        c.setSource__c("community: " + d.category());
        c.setEarned_Date__c(d.earnedOn());
        return c;
    }

    /** The balance the community shows ({@code PUT /api/v1/accounts/{id}/ce}). */
    public Map<String, Object> communityBalance(Decision d) {
        var body = new LinkedHashMap<String, Object>();
        body.put("earned", d.earned().setScale(0, java.math.RoundingMode.DOWN).intValue());
        body.put("required", d.required() == null ? 0 : d.required());
        body.put("periodEnd", d.cycleEnd() == null ? null : d.cycleEnd().toString());
        return body;
    }

    /** The {@code ce.credit} fact. */
    public Map<String, Object> fact(Decision d) {
        var fact = new LinkedHashMap<String, Object>();
        fact.put("activityId", d.activityId());
        fact.put("crmContactId", d.crmContactId());
        fact.put("category", d.category());
        fact.put("credits", d.credits());
        fact.put("earnedOn", d.earnedOn().toString());
        fact.put("cycleEarned", d.earned());
        fact.put("required", d.required());
        return fact;
    }
}
