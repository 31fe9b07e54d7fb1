package org.memberbus.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memberbus.crm.CrmChange;
import org.memberbus.finance.dues.DuesPricing;
import org.memberbus.infra.ConfigFile;
import org.memberbus.member.join.MembershipPricing;

/** The decisions and the member view alone, no Spring: the shipped rules and prices. */
class AccessDecisionsTest {

    static final String ID = "003DM0000000001AAA";
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir Path dir;
    final MemberViews views = new MemberViews();
    final DuesPricing pricing = new DuesPricing(new MembershipPricing("config/pricing.yaml"), ZoneOffset.UTC);

    AccessDecisions decisions(Path rules) {
        return new AccessDecisions(new ConfigFile<>("Access rules", rules.toString(), AccessRules::parse,
                AccessRules::describe), views, pricing, new ObjectMapper());
    }

    AccessDecisions shipped() {
        return decisions(Path.of("config/access-rules.yaml"));
    }

    void member(String status, String level, Map<String, Object> more) {
        var contact = new HashMap<String, Object>(Map.of("Id", ID, "Membership_Status__c", status,
                "Membership_Level__c", level, "Membership_Start_Date__c", TODAY.minusMonths(3).toString(),
                "Membership_End_Date__c", TODAY.plusMonths(9).toString()));
        contact.putAll(more);
        views.reading(ID);
        views.learn(ID, Map.of("records", List.of(contact)), Map.of("records", List.of(Map.of("Id", "a06X",
                "Program__c", "Certified Data Steward", "Status__c", "Active",
                "Expiration_Date__c", TODAY.plusYears(1).toString()))));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> ask(AccessDecisions access, String asks) {
        var request = access.request("{\"memberId\": \"" + ID + "\", \"requests\": " + asks + "}");
        return (List<Map<String, Object>>) access.decide(request).get("decisions");
    }

    @Test
    void premiumNeedsAnActiveProfessionalOrFellowAndOffersTheCheapestUpgrade() {
        member("Active", "Associate", Map.of());
        var decision = ask(shipped(), "[{\"action\": \"view\", \"resource\": \"content/premium-x\"}]").get(0);
        assertThat(decision).containsEntry("allowed", false).containsEntry("rule", "premium");
        var grant = (Map<?, ?>) decision.get("grant");
        assertThat(grant.get("kind")).isEqualTo("upgrade");
        assertThat(grant.get("level")).isEqualTo("PROFESSIONAL");
        assertThat((Long) grant.get("amount")).isPositive();
    }

    @Test
    @SuppressWarnings("unchecked")
    void certificationContentNeedsTheProgramItNames() {
        member("Active", "Professional", Map.of());
        var decisions = ask(shipped(), "[{\"action\": \"view\", \"resource\": \"content/cds-handbook\"},"
                + "{\"action\": \"view\", \"resource\": \"content/cap-handbook\"}]");
        assertThat(decisions.get(0)).containsEntry("allowed", true);
        assertThat(decisions.get(1)).containsEntry("allowed", false).containsEntry("rule", "certification-required");
        assertThat((Map<String, Object>) decisions.get(1).get("grant")).containsEntry("kind", "certification")
                .containsEntry("program", "Certified Association Professional");
    }

    @Test
    void aChangeWhileTheFirstReadIsUnderWayWinsOverTheReadsAnswer() {
        views.reading(ID);
        views.apply(new CrmChange(7, "Contact", "UPDATE", ID, 0, "", Map.of("Membership_Status__c", "Lapsed")));
        views.learn(ID, Map.of("records", List.of(Map.of("Id", ID, "Membership_Status__c", "Active",
                "Membership_Level__c", "Fellow"))), Map.of("records", List.of()));
        assertThat(views.view(ID).status()).isEqualTo("Lapsed");
        assertThat(views.lastReplayId()).isEqualTo(7);
        // a gap event: forgotten, read again when next asked about
        views.apply(new CrmChange(8, "Contact", "GAP_UPDATE", ID, 0, "", Map.of()));
        assertThat(views.unknown(ID)).isTrue();
    }

    @Test
    void aSuspensionBlocksPostingUntilItsEndDayAndNotReading() {
        member("Active", "Associate", Map.of("Community_Suspended__c", true, "Suspended_Until__c", TODAY.toString()));
        var decisions = ask(shipped(), "[{\"action\": \"post\", \"resource\": \"forum/a\"},"
                + "{\"action\": \"view\", \"resource\": \"content/a\"}]");
        assertThat(decisions.get(0)).containsEntry("allowed", false).containsEntry("rule", "suspension");
        assertThat(decisions.get(1)).containsEntry("allowed", true);
        views.apply(new CrmChange(9, "Contact", "UPDATE", ID, 0, "", Map.of("Suspended_Until__c",
                TODAY.minusDays(1).toString())));
        assertThat(ask(shipped(), "[{\"action\": \"post\", \"resource\": \"forum/a\"}]").get(0)).containsEntry("allowed", true);
    }

    @Test
    void editedRulesApplyWithoutARestartAndABadEditKeepsTheRulesInForce() throws Exception {
        var rules = dir.resolve("access-rules.yaml");
        Files.copy(Path.of("config/access-rules.yaml"), rules);
        var access = decisions(rules);
        member("Active", "Associate", Map.of());
        assertThat(ask(access, "[{\"action\": \"view\", \"resource\": \"content/premium-x\"}]").get(0))
                .containsEntry("allowed", false);
        Files.writeString(rules, Files.readString(rules).replace("levels: [PROFESSIONAL, FELLOW]",
                "levels: [ASSOCIATE, PROFESSIONAL, FELLOW]"));
        Files.setLastModifiedTime(rules, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(ask(access, "[{\"action\": \"view\", \"resource\": \"content/premium-x\"}]").get(0))
                .containsEntry("allowed", true);
        Files.writeString(rules, "access-levels: {x: {levels: [GOLD]}}\n");
        Files.setLastModifiedTime(rules, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(ask(access, "[{\"action\": \"view\", \"resource\": \"content/premium-x\"}]").get(0))
                .containsEntry("allowed", true);
    }

    @Test
    void rulesFileMistakesAreNamed() {
        assertThatThrownBy(() -> AccessRules.parse("""
                access-levels:
                  member: {statuses: [Gone]}
                join-level: GOLD
                suspension-blocks: [shout]
                resources:
                  - {action: view, resource: "content/*", access: premium}
                """, "test")).hasMessageContaining("'Gone'").hasMessageContaining("join-level")
                .hasMessageContaining("'shout'").hasMessageContaining("'premium' is not an access level");
    }

    @Test
    void aRequestOverTheLimitsIsRefused() {
        var access = shipped();
        var many = "[" + "{\"action\": \"view\", \"resource\": \"content/a\"},".repeat(101);
        assertThatThrownBy(() -> access.request("{\"memberId\": \"" + ID + "\", \"requests\": "
                + many.substring(0, many.length() - 1) + "]}")).isInstanceOf(AccessApiException.class)
                .hasMessageContaining("at most 100");
        assertThatThrownBy(() -> access.request("{\"memberId\": \"" + ID + "\", \"requests\": [{\"action\": \"view\","
                + " \"resource\": \"content/" + "x".repeat(300) + "\"}]}")).hasMessageContaining("requests[0].resource");
    }
}
