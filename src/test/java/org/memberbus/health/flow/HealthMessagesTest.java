package org.memberbus.health.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memberbus.health.Band;
import org.memberbus.health.HealthMessages;
import org.memberbus.health.HealthRepository;
import org.memberbus.health.HealthResult;
import org.memberbus.health.MemberHealth;
import org.memberbus.health.SignalInputs;
import org.memberbus.health.Trigger;

/**
 * What a change of health says, with the shipped model: the CRM's spelling, the health.changed
 * fact, and the triggers' commands under keys that make one transition on one day one command.
 */
class HealthMessagesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    final ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    final MemberHealth health = new MemberHealth("config/health-model.yaml");
    final HealthMessages messages = new HealthMessages(json);

    /** A member who stopped coming: no sign-in for months, nothing posted, dues declined. */
    final SignalInputs quiet = new SignalInputs("003DM0000000013AAA", "ada@example.org", "005DM0000000003AAA", "Active",
            "Associate", TODAY.minusYears(1), TODAY.plusDays(45), null, null, Instant.parse("2026-06-01T10:00:00Z"), 0,
            SignalInputs.Counts.NONE);

    @Test
    void bandAndTrendAreWrittenAsTheCrmPicklistsSpellThem() {
        assertThat(HealthMessages.crmBand(Band.AT_RISK)).isEqualTo("At Risk");
        assertThat(HealthMessages.crmBand("healthy")).isEqualTo("Healthy");
        assertThat(HealthMessages.crmTrend("up")).isEqualTo("Improving");
        assertThat(HealthMessages.crmTrend("down")).isEqualTo("Declining");
        assertThat(HealthMessages.crmTrend("flat")).isEqualTo("Stable");
        assertThat(HealthMessages.crmTrend("none")).isEqualTo("Stable");
    }

    @Test
    void aDropIntoAtRiskIsARetentionCampaignAndATaskForTheOwnerKeyedByMemberAndDay() throws Exception {
        HealthResult before = health.score(new SignalInputs(quiet.memberId(), quiet.email(), quiet.ownerId(), "Active",
                "Associate", quiet.memberSince(), quiet.renewalDate(), null, null, Instant.parse("2026-11-20T10:00:00Z"), 1,
                new SignalInputs.Counts(5, 10, 2, 0, 2, 0)).snapshot(TODAY, ZoneOffset.UTC), null);
        HealthResult now = health.score(quiet.snapshot(TODAY, ZoneOffset.UTC), before.score());
        assertThat(before.band()).isNotEqualTo(Band.AT_RISK);
        assertThat(now.band()).isEqualTo(Band.AT_RISK);

        List<Trigger> fired = health.triggers(before, now, quiet.renewalDate(), quiet.level());
        var rows = messages.triggers(fired, now, before, quiet,
                health.renewalRisk(now, quiet.renewalDate(), quiet.priorRenewals(), quiet.priorLapses()));

        assertThat(rows).extracting(HealthRepository.OutboxRow::key).containsExactly(
                "retention:003DM0000000013AAA:2026-11-23",
                "retention-task:003DM0000000013AAA:2026-11-23",
                "renewal-risk:003DM0000000013AAA:2026-11-23:" + before.band().label() + "-at_risk");
        JsonNode campaign = json.readTree(rows.get(0).payload());
        assertThat(campaign.path("campaign").asText()).isEqualTo("retention");
        assertThat(campaign.path("crmContactId").asText()).isEqualTo("003DM0000000013AAA");
        assertThat(campaign.path("email").asText()).isEqualTo("ada@example.org");
        assertThat(campaign.path("tokens").path("healthBand").asText()).isEqualTo("at_risk");
        JsonNode task = json.readTree(rows.get(1).payload());
        assertThat(task.path("WhoId").asText()).isEqualTo("003DM0000000013AAA");
        assertThat(task.path("OwnerId").asText()).isEqualTo("005DM0000000003AAA");
        assertThat(task.path("ActivityDate").asText()).isEqualTo("2026-11-26");
        assertThat(task.path("Subject").asText()).contains("at risk");
        assertThat(task.path("Description").asText()).contains("days_since_login");
        JsonNode risk = json.readTree(rows.get(2).payload());
        assertThat(risk.path("type").asText()).isEqualTo("renewal_risk_change");
        assertThat(risk.path("daysToRenewal").asInt()).isEqualTo(45);
        assertThat(risk.path("probability").asDouble()).isBetween(0.0, 1.0);
        assertThat(risk.path("playbook").asText()).isNotBlank();

        // the same transition decided again the same day gives the same keys: one command each
        assertThat(messages.triggers(fired, now, before, quiet, null)).extracting(HealthRepository.OutboxRow::key)
                .containsExactlyElementsOf(rows.stream().map(HealthRepository.OutboxRow::key).toList());
    }

    @Test
    void healthChangedCarriesTheScoreItsReasonsAndWhatItWas() throws Exception {
        HealthResult now = health.score(quiet.snapshot(TODAY, ZoneOffset.UTC), 60);
        JsonNode fact = json.readTree(messages.healthChanged(now, null, Instant.parse("2026-11-23T08:00:00Z"), "daily-rescore"));
        assertThat(fact.path("memberId").asText()).isEqualTo("003DM0000000013AAA");
        assertThat(fact.path("score").asInt()).isEqualTo(now.score());
        assertThat(fact.path("band").asText()).isEqualTo("at_risk");
        assertThat(fact.path("trend").path("direction").asText()).isEqualTo("down");
        assertThat(fact.path("crm").path("Health_Trend__c").asText()).isEqualTo("Declining");
        assertThat(fact.path("contributions")).hasSize(9);
        assertThat(fact.path("modelVersion").asText()).isEqualTo(health.version());
        assertThat(fact.path("asOf").asText()).isEqualTo("2026-11-23");
        assertThat(fact.path("cause").asText()).isEqualTo("daily-rescore");
    }
}
