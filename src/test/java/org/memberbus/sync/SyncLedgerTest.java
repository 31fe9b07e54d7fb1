package org.memberbus.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The ledger and the engine over it, against a real PostgreSQL with the project's migrations. */
class SyncLedgerTest {

    static final String ADA = "003000000000001AAA";
    static final String BOB = "003000000000002AAA";
    static final Map<String, Object> ADA_IN_CRM = Map.of(
            "FirstName", "Ada", "Email", "ada@example.org", "Employer__c", "Acme Engineering",
            "Membership_Status__c", "Active", "Membership_Level__c", "Professional", "Bio__c", "Bridges.");

    static EmbeddedPostgres postgres;
    static DataSource dataSource;
    static JdbcTemplate sql;
    static SyncLedger ledger;
    SimpleMeterRegistry registry;
    SyncEngine engine;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        sql = new JdbcTemplate(dataSource);
        ledger = new SyncLedger(dataSource);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void emptyLedger() {
        sql.execute("TRUNCATE sync_decision, sync_record_system, sync_record");
        registry = new SimpleMeterRegistry();
        engine = new SyncEngine(SyncRules.load("config/sync-rules.yaml"), ledger, registry);
    }

    /** Ada linked to her community account, her CRM record agreed as of a first sync. */
    void linkAda() {
        engine.link("member", ADA, "community", "acc-ada");
        engine.agree("member", ADA, "crm", "2026-11-20T08:00:00.000+0000", ADA_IN_CRM);
        engine.agree("member", ADA, "community", "7", Map.of());
    }

    String version(String recordId, String system) {
        return sql.queryForObject("SELECT last_version FROM sync_record_system WHERE record_id = ? AND system = ?",
                String.class, recordId, system);
    }

    String agreed(String recordId) {
        return sql.queryForObject("SELECT agreed_values::text FROM sync_record WHERE record_id = ?", String.class,
                recordId);
    }

    List<Map<String, Object>> decisions(String recordId) {
        return sql.queryForList("SELECT field, system, old_value, new_value, base_value, decision, rule, reason "
                + "FROM sync_decision WHERE record_id = ? ORDER BY id", recordId);
    }

    static Map<String, Object> fields(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void aMergeRecordsAgreedValuesVersionAndDecisionsTogether() {
        linkAda();

        var outcome = engine.merge("member", ADA, "community", "8",
                fields("bio", "Bridges and tunnels.", "employer", "Globex", "membershipStatus", "LAPSED"));

        assertThat(outcome.crmUpdates()).isEqualTo(Map.of("Bio__c", "Bridges and tunnels."));
        assertThat(outcome.updatesFor("community")).isEqualTo(Map.of("membershipStatus", "ACTIVE"));
        assertThat(outcome.proposals()).extracting(Proposal::proposedValue).containsExactly("Globex");

        assertThat(agreed(ADA)).contains("\"bio\": \"Bridges and tunnels.\"", "\"employer\": \"Acme Engineering\"",
                "\"status\": \"Active\"");
        assertThat(version(ADA, "community")).isEqualTo("8");
        assertThat(version(ADA, "crm")).isEqualTo("2026-11-20T08:00:00.000+0000");
        assertThat(decisions(ADA)).extracting(d -> d.get("field"), d -> d.get("decision"), d -> d.get("old_value"),
                        d -> d.get("new_value"), d -> d.get("base_value"))
                .containsExactly(
                        tuple("bio", "applied", "Bridges.", "Bridges and tunnels.", "Bridges."),
                        tuple("employer", "proposed", "Acme Engineering", "Globex", "Acme Engineering"),
                        tuple("status", "corrected", "Active", "Lapsed", "Active"));
        assertThat(decisions(ADA).get(0).get("rule")).isEqualTo("member.bio (community owns; others: correct)");
    }

    @Test
    void communicationPreferencesAreAgreedAndLoggedAsTheCrmsText() {
        linkAda();
        engine.agree("member", ADA, "community", "8",
                fields("communicationPreferences", fields("sms", false, "email", true)));
        assertThat(agreed(ADA)).contains("\"communicationPreferences\": \"{\\\"email\\\":true,\\\"sms\\\":false}\"");

        var same = engine.merge("member", ADA, "community", "9",
                fields("communicationPreferences", fields("email", true, "sms", false)));
        assertThat(same.decisions()).extracting(Decision::decision).containsExactly(DecisionKind.UNCHANGED);

        var changed = engine.merge("member", ADA, "community", "10",
                fields("communicationPreferences", fields("sms", true, "email", true)));
        assertThat(changed.crmUpdates()).isEqualTo(Map.of("Communication_Preferences__c", "{\"email\":true,\"sms\":true}"));
        assertThat(decisions(ADA)).extracting(d -> d.get("old_value"), d -> d.get("new_value"))
                .containsExactly(tuple("{\"email\":true,\"sms\":false}", "{\"email\":true,\"sms\":true}"));
    }

    @Test
    void aMergeThatFailsToRecordLeavesNoTrace() {
        linkAda();
        var before = agreed(ADA);
        var incomplete = new Decision("member", ADA, "bio", "community", "9", "a", "b", "a", DecisionKind.APPLIED,
                null, "no rule: the insert fails"); // rule is NOT NULL

        assertThatThrownBy(() -> ledger.merge("member", ADA, "acc-other", state -> new MergeOutcome("member", ADA,
                "community", "9", false, false, Map.of(), Map.of(), List.of(), Map.of("bio", "b"),
                List.of(new Decision("member", ADA, "email", "community", "9", "a", "b", "a", DecisionKind.PROPOSED,
                        "member.email", "fine"), incomplete), List.of())))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);

        assertThat(agreed(ADA)).isEqualTo(before);
        assertThat(version(ADA, "community")).isEqualTo("7");
        assertThat(engine.recordIdOf("member", "community", "acc-ada")).isEqualTo(ADA);
        assertThat(engine.recordIdOf("member", "community", "acc-other")).isNull();
        assertThat(decisions(ADA)).isEmpty();
    }

    @Test
    void theNextMergeIsAgainstTheNewBaseAndStaleEventsAreLoggedNotApplied() {
        linkAda();
        engine.merge("member", ADA, "community", "8", fields("bio", "A"));

        var again = engine.merge("member", ADA, "community", "9", fields("bio", "A"));
        assertThat(again.decisions()).extracting(Decision::decision).containsExactly(DecisionKind.UNCHANGED);
        assertThat(again.crmUpdates()).isEmpty();

        var next = engine.merge("member", ADA, "community", "10", fields("bio", "B"));
        assertThat(next.decisions()).extracting(Decision::decision, Decision::baseValue)
                .containsExactly(tuple(DecisionKind.APPLIED, "A"));
        assertThat(next.crmUpdates()).isEqualTo(Map.of("Bio__c", "B"));

        var late = engine.merge("member", ADA, "community", "9", fields("bio", "C"));
        assertThat(late.stale()).isTrue();
        assertThat(late.crmUpdates()).isEmpty();
        assertThat(version(ADA, "community")).isEqualTo("10");
        assertThat(agreed(ADA)).contains("\"bio\": \"B\"");
        assertThat(decisions(ADA)).extracting(d -> d.get("new_value"), d -> d.get("decision"))
                .containsExactly(tuple("A", "applied"), tuple("B", "applied"), tuple("C", "stale"));
    }

    @Test
    void aCrmChangeFlowsToTheCommunityAndItsEchoIsNotAChange() {
        linkAda();

        var outcome = engine.merge("member", ADA, "crm", "2026-11-23T10:00:00.000+0000",
                fields("Membership_Status__c", "Lapsed", "SystemModstamp", "2026-11-23T10:00:00.000+0000"));
        assertThat(outcome.updatesFor("community")).isEqualTo(Map.of("membershipStatus", "LAPSED"));
        assertThat(outcome.ignoredFields()).containsExactly("SystemModstamp");
        assertThat(version(ADA, "crm")).isEqualTo("2026-11-23T10:00:00.000+0000");

        // the route wrote it to the community, which answered with its new version; agreed in canonical
        engine.agree("member", ADA, "community", "12", outcome.updatesFor("community"));
        assertThat(agreed(ADA)).contains("\"status\": \"Lapsed\"");
        var echo = engine.merge("member", ADA, "community", "12", fields("membershipStatus", "LAPSED", "bio", "Bridges."));
        assertThat(echo.decisions()).extracting(Decision::decision).containsOnly(DecisionKind.UNCHANGED);
        assertThat(echo.crmUpdates()).isEmpty();
        assertThat(echo.systemUpdates()).isEmpty();
        assertThat(engine.merge("member", ADA, "community", "13", fields("membershipStatus", "LAPSED")).decisions())
                .extracting(Decision::decision).containsExactly(DecisionKind.UNCHANGED);
        assertThat(version(ADA, "community")).isEqualTo("13");

        // an older version is never recorded over a newer one
        engine.agree("member", ADA, "community", "11", Map.of());
        assertThat(version(ADA, "community")).isEqualTo("13");
    }

    @Test
    void aChangeDeliveredTwiceGivesItsWritesTwiceAndIsLoggedAndCountedOnce() {
        linkAda();
        var change = fields("bio", "A", "employer", "Globex", "membershipStatus", "LAPSED", "level", "PROFESSIONAL");
        var first = engine.merge("member", ADA, "community", "8", change);
        // ... the bus stops before sending; Kafka delivers the change again
        var again = engine.merge("member", ADA, "community", "8", change);

        assertThat(again.redelivered()).isTrue();
        assertThat(again.crmUpdates()).isEqualTo(first.crmUpdates()).isEqualTo(Map.of("Bio__c", "A"));
        assertThat(again.systemUpdates()).isEqualTo(first.systemUpdates());
        assertThat(again.proposals()).isEqualTo(first.proposals());
        assertThat(again.decisions()).extracting(Decision::decision).isEqualTo(
                first.decisions().stream().map(Decision::decision).toList());
        assertThat(decisions(ADA)).extracting(d -> d.get("decision"))
                .containsExactly("applied", "proposed", "corrected");
        assertThat(registry.get(SyncMetrics.DECISIONS).tags("decision", "applied").counter().count()).isEqualTo(1.0);
        assertThat(ledger.decisions(ADA, null, null, 0, 10).items()).extracting(DecisionRow::version)
                .containsOnly("8");
    }

    /**
     * A member's first sight done twice at once (a community edit and a staff change, read by two
     * consumers) or again after a crash: the second has agreed a newer CRM record as the base, so
     * the community's record, though merged before at its version, must be held against it whole.
     */
    @Test
    void aFirstSightDoneAgainCorrectsTheCommunityToWhatTheCrmChangedSince() {
        linkAda();
        var community = fields("membershipStatus", "ACTIVE", "level", "PROFESSIONAL", "bio", "Bridges.");
        assertThat(engine.mergeRecord("member", ADA, "community", "8", community, ADA_IN_CRM).systemUpdates()).isEmpty();

        var staffChange = new LinkedHashMap<String, Object>(ADA_IN_CRM);
        staffChange.put("Membership_Level__c", "Fellow");
        engine.agree("member", ADA, "crm", "2026-11-21T08:00:00.000+0000", staffChange);
        // as a change, the same version counts as merged already and corrects nothing
        assertThat(engine.merge("member", ADA, "community", "8", community, staffChange).systemUpdates()).isEmpty();

        var again = engine.mergeRecord("member", ADA, "community", "8", community, staffChange);
        assertThat(again.updatesFor("community")).isEqualTo(Map.of("level", "FELLOW"));
    }

    @Test
    void aCrmRecordReadBeforeAChangeMergedSinceDoesNotRollTheBaseBack() {
        linkAda();
        engine.merge("member", ADA, "crm", "2026-11-23T10:00:00.000+0000", fields("Membership_Level__c", "Fellow"));

        engine.agree("member", ADA, "crm", "2026-11-22T10:00:00.000+0000", ADA_IN_CRM);

        assertThat(agreed(ADA)).contains("\"level\": \"Fellow\"");
        assertThat(version(ADA, "crm")).isEqualTo("2026-11-23T10:00:00.000+0000");
    }

    @Test
    void theCrmsCurrentValuesTellAConflictFromACorrection() {
        linkAda();
        var outcome = engine.merge("member", ADA, "community", "8", fields("membershipStatus", "PENDING"),
                fields("Membership_Status__c", "Lapsed", "Email", "ada@example.org"));

        assertThat(outcome.decisions()).extracting(Decision::decision).containsExactly(DecisionKind.CRM_WINS);
        assertThat(outcome.updatesFor("community")).isEqualTo(Map.of("membershipStatus", "LAPSED"));
        assertThat(decisions(ADA)).extracting(d -> d.get("decision")).containsExactly("crm_wins");
    }

    @Test
    void recordsAreFoundByTheirIdInAnotherSystem() {
        engine.link("member", ADA, "community", "acc-ada");
        engine.link("member", BOB, "community", "acc-bob");

        assertThat(engine.recordIdOf("member", "community", "acc-ada")).isEqualTo(ADA);
        assertThat(engine.recordIdOf("member", "community", "acc-bob")).isEqualTo(BOB);
        assertThat(engine.recordIdOf("member", "crm", ADA)).isEqualTo(ADA);
        assertThat(engine.recordIdOf("member", "community", "acc-nobody")).isNull();
        assertThatThrownBy(() -> engine.link("member", BOB, "community", "acc-ada"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("community id acc-ada cannot be linked to member " + BOB
                        + ": it is already linked to another record");
        assertThat(engine.recordIdOf("member", "community", "acc-bob")).isEqualTo(BOB);
    }

    @Test
    void describeShowsTheRecordAcrossSystemsWithItsLatestDecisions() {
        linkAda();
        engine.merge("member", ADA, "community", "8", fields("bio", "one"));
        engine.merge("member", ADA, "community", "9", fields("bio", "two", "email", "ada@new.example.org"));

        var entry = ledger.describe(ADA, 2);
        assertThat(entry.objectType()).isEqualTo("member");
        assertThat(entry.agreed()).containsEntry("bio", "two").containsEntry("firstName", "Ada")
                .containsEntry("status", "Active");
        assertThat(entry.agreedAt()).isNotNull();
        assertThat(entry.systems()).extracting(SystemEntry::system, SystemEntry::externalId, SystemEntry::lastVersion)
                .containsExactly(tuple("community", "acc-ada", "9"),
                        tuple("crm", ADA, "2026-11-20T08:00:00.000+0000"));
        assertThat(entry.systems()).allSatisfy(s -> assertThat(s.lastSeenAt()).isNotNull());
        assertThat(entry.recentDecisions()).extracting(DecisionRow::field, DecisionRow::decision)
                .containsExactly(tuple("email", "proposed"), tuple("bio", "applied"));
        assertThat(ledger.describe(ADA).recentDecisions()).hasSize(3);
        assertThat(ledger.describe("003000000000009AAA")).isNull();
    }

    @Test
    void theDecisionLogPagesNewestFirstWithFilters() {
        linkAda();
        engine.link("member", BOB, "community", "acc-bob");
        for (int v = 8; v < 13; v++) {
            engine.merge("member", ADA, "community", String.valueOf(v), fields("bio", "bio " + v));
        }
        engine.merge("member", BOB, "community", "1", fields("employer", "Initech"));
        engine.merge("member", ADA, "community", "5", fields("bio", "late"));

        var first = ledger.decisions(null, null, null, 0, 3);
        assertThat(first.total()).isEqualTo(7);
        assertThat(first.items()).extracting(DecisionRow::recordId, DecisionRow::newValue)
                .containsExactly(tuple(ADA, "late"), tuple(BOB, "Initech"), tuple(ADA, "bio 12"));
        assertThat(ledger.decisions(null, null, null, 2, 3).items()).extracting(DecisionRow::newValue)
                .containsExactly("bio 8");

        var ada = ledger.decisions(ADA, null, "applied", 1, 2);
        assertThat(ada.total()).isEqualTo(5);
        assertThat(ada.items()).extracting(DecisionRow::newValue).containsExactly("bio 10", "bio 9");
        assertThat(ledger.decisions(null, "", "STALE", 0, 10).items()).extracting(DecisionRow::newValue)
                .containsExactly("late");
        assertThat(ledger.decisions(BOB, null, "proposed", 0, 10).total()).isEqualTo(1);

        assertThat(ledger.decisions(null, "2000-01-01", null, 0, 10).total()).isEqualTo(7);
        assertThat(ledger.decisions(null, "2999-01-01T00:00:00Z", null, 0, 10).total()).isZero();
        assertThatThrownBy(() -> ledger.decisions(null, null, "won", 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown decision 'won'");
        assertThatThrownBy(() -> ledger.decisions(null, "yesterday", null, 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("since: not an ISO-8601");
        assertThatThrownBy(() -> ledger.decisions(null, null, null, 0, 501))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decisionsAreCountedPerRuleOutcomeAndSystem() {
        linkAda();
        engine.merge("member", ADA, "community", "8", fields("bio", "x", "employer", "Globex"));
        engine.merge("member", ADA, "community", "9", fields("employer", "Initech"));

        assertThat(registry.get(SyncMetrics.DECISIONS).tags("rule", "member.employer (crm owns; others: propose)",
                "decision", "proposed", "system", "community").counter().count()).isEqualTo(2.0);
        assertThat(registry.get(SyncMetrics.DECISIONS).tags("decision", "applied", "system", "community")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void concurrentMergesOfOneRecordRunOneAfterTheOther() throws Exception {
        linkAda();
        var merges = new ArrayList<Callable<MergeOutcome>>();
        for (int v = 20; v > 8; v--) { // newest first: most of them arrive late
            var version = String.valueOf(v);
            merges.add(() -> engine.merge("member", ADA, "community", version, fields("bio", "bio " + version)));
        }
        var pool = Executors.newFixedThreadPool(4);
        try {
            for (var result : pool.invokeAll(merges)) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }

        // whatever the order, the newest version is the last recorded and its value the agreed one
        assertThat(version(ADA, "community")).isEqualTo("20");
        assertThat(ledger.describe(ADA).agreed()).containsEntry("bio", "bio 20");
        var applied = ledger.decisions(ADA, null, "applied", 0, 50).items();
        assertThat(applied.get(0).newValue()).isEqualTo("bio 20");
        // versions applied in increasing order only
        var appliedVersions = applied.stream().map(d -> Integer.parseInt(d.newValue().substring(4))).toList();
        assertThat(appliedVersions).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        assertThat(ledger.decisions(ADA, null, null, 0, 50).total()).isEqualTo(12);
    }
}
