package org.memberbus.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The merge on worked examples, under the shipped config/sync-rules.yaml. */
class ThreeWayMergeTest {

    static final SyncRules RULES = SyncRules.load("config/sync-rules.yaml");
    static final ObjectRules MEMBER = RULES.object("member");
    static final String ID = "003000000000001AAA";

    /** The agreed state of the member before each example. */
    static final Map<String, Object> AGREED = Map.of(
            "status", "ACTIVE", "level", "PROFESSIONAL", "endDate", "2027-01-31", "dues", new BigDecimal("150.00"),
            "employer", "Acme Engineering", "email", "ada@example.org", "bio", "Bridges.");

    /** Merges a change under the system's own field names, the way the engine does. */
    static MergeOutcome merge(String system, String version, Map<String, Object> fields,
                              Map<String, Object> crmNow, String lastVersion) {
        return merge(system, version, fields, crmNow, lastVersion, Set.of());
    }

    static MergeOutcome merge(String system, String version, Map<String, Object> fields,
                              Map<String, Object> crmNow, String lastVersion, Set<String> decidedAtLastVersion) {
        var change = MEMBER.toCanonical(system, fields);
        var owner = MEMBER.toCanonical("crm", crmNow).values();
        return new ThreeWayMerge(MEMBER, RULES.systemOfRecord()).merge(ID,
                new ThreeWayMerge.Base(AGREED, owner, lastVersion, decidedAtLastVersion),
                new ThreeWayMerge.Change(RULES.system(system), version, change.values()), change.unknown());
    }

    static MergeOutcome fromCommunity(Map<String, Object> fields) {
        return merge("community", "8", fields, Map.of(), "7");
    }

    static Decision only(MergeOutcome outcome) {
        assertThat(outcome.decisions()).hasSize(1);
        return outcome.decisions().get(0);
    }

    @Test
    void crmOwnedFieldChangedOnTheCommunityWhileTheCrmAlsoMovedCrmWinsAndTheCommunityIsCorrected() {
        var outcome = merge("community", "8", Map.of("membershipStatus", "PENDING"),
                Map.of("Membership_Status__c", "LAPSED"), "7");

        var decision = only(outcome);
        assertThat(decision.decision()).isEqualTo(DecisionKind.CRM_WINS);
        assertThat(decision.conflict()).isTrue();
        assertThat(decision).extracting(Decision::field, Decision::system, Decision::oldValue, Decision::newValue,
                Decision::baseValue).containsExactly("status", "community", "LAPSED", "PENDING", "ACTIVE");
        assertThat(decision.rule()).isEqualTo("member.status (crm owns; others: correct)");
        assertThat(decision.reason()).contains("conflict");
        assertThat(outcome.updatesFor("community")).isEqualTo(Map.of("membershipStatus", "LAPSED"));
        assertThat(outcome.crmUpdates()).isEmpty();
        // the CRM's own change event, still to come, moves the agreed value and fans it out
        assertThat(outcome.agreed()).containsEntry("status", "ACTIVE");
    }

    @Test
    void crmOwnedFieldChangedOnlyOnTheCommunityIsCorrectedBackToTheCrmValue() {
        var outcome = fromCommunity(Map.of("membershipEndDate", "2028-01-31"));

        var decision = only(outcome);
        assertThat(decision.decision()).isEqualTo(DecisionKind.CORRECTED);
        assertThat(decision).extracting(Decision::field, Decision::oldValue, Decision::newValue, Decision::baseValue)
                .containsExactly("endDate", "2027-01-31", "2028-01-31", "2027-01-31");
        assertThat(outcome.updatesFor("community")).isEqualTo(Map.of("membershipEndDate", "2027-01-31"));
        assertThat(outcome.crmUpdates()).isEmpty();
        assertThat(outcome.agreed()).isEqualTo(AGREED);
    }

    @Test
    void employerChangedOnTheCommunityIsProposedNeverWrittenToTheCrm() {
        var outcome = fromCommunity(Map.of("employer", "Globex"));

        assertThat(only(outcome).decision()).isEqualTo(DecisionKind.PROPOSED);
        assertThat(outcome.proposals()).containsExactly(
                new Proposal("member", ID, "employer", "Employer__c", "community", "Acme Engineering", "Globex"));
        assertThat(outcome.crmUpdates()).isEmpty();
        assertThat(outcome.systemUpdates()).isEmpty();
        assertThat(outcome.agreed()).containsEntry("employer", "Acme Engineering");
    }

    @Test
    void bioChangedOnTheCommunityFlowsToTheCrm() {
        var outcome = fromCommunity(Map.of("bio", "Bridges and tunnels."));

        var decision = only(outcome);
        assertThat(decision.decision()).isEqualTo(DecisionKind.APPLIED);
        assertThat(decision.reason()).isEqualTo("community owns bio; flows to crm");
        assertThat(outcome.crmUpdates()).isEqualTo(Map.of("Bio__c", "Bridges and tunnels."));
        assertThat(outcome.systemUpdates()).isEmpty();
        assertThat(outcome.agreed()).containsEntry("bio", "Bridges and tunnels.");
    }

    @Test
    void crmChangeOfStatusFlowsToTheCommunity() {
        var outcome = merge("crm", "2026-11-23T10:00:00.000+0000", Map.of("Membership_Status__c", "LAPSED"),
                Map.of(), "2026-11-20T08:00:00.000+0000");

        var decision = only(outcome);
        assertThat(decision.decision()).isEqualTo(DecisionKind.APPLIED);
        assertThat(decision).extracting(Decision::system, Decision::oldValue, Decision::newValue)
                .containsExactly("crm", "ACTIVE", "LAPSED");
        assertThat(outcome.updatesFor("community")).isEqualTo(Map.of("membershipStatus", "LAPSED"));
        assertThat(outcome.crmUpdates()).isEmpty();
        assertThat(outcome.agreed()).containsEntry("status", "LAPSED");
    }

    @Test
    void crmChangeOfAFieldTheCommunityDoesNotHoldIsAppliedWithNothingToSend() {
        var outcome = merge("crm", "2026-11-23T10:00:00Z", Map.of("Membership_Dues__c", 180), Map.of(), null);

        assertThat(only(outcome).decision()).isEqualTo(DecisionKind.APPLIED);
        assertThat(outcome.systemUpdates()).isEmpty();
        assertThat(outcome.agreed()).containsEntry("dues", 180);
    }

    @Test
    void staleCommunityEventAppliesNothing() {
        var outcome = merge("community", "6", Map.of("bio", "Old news.", "membershipStatus", "LAPSED"), Map.of(), "7");

        assertThat(outcome.stale()).isTrue();
        assertThat(outcome.decisions()).extracting(Decision::decision).containsOnly(DecisionKind.STALE).hasSize(2);
        assertThat(outcome.decisions().get(0).reason()).isEqualTo(
                "community version 6 is older than 7, the last seen; nothing applied");
        assertThat(outcome.crmUpdates()).isEmpty();
        assertThat(outcome.systemUpdates()).isEmpty();
        assertThat(outcome.proposals()).isEmpty();
        assertThat(outcome.agreed()).isEqualTo(AGREED);
    }

    @Test
    void aChangeRedeliveredAfterACrashIssuesItsWritesAgainWithoutLoggingThemTwice() {
        // version 7 was merged (bio applied, end date corrected), then the bus stopped before sending
        var outcome = merge("community", "7", Map.of("bio", "Bridges.", "membershipEndDate", "2028-01-31"),
                Map.of(), "7", Set.of("bio", "endDate"));

        assertThat(outcome.redelivered()).isTrue();
        assertThat(outcome.stale()).isFalse();
        assertThat(outcome.decisions()).extracting(Decision::decision)
                .containsExactlyInAnyOrder(DecisionKind.APPLIED, DecisionKind.CORRECTED);
        assertThat(outcome.crmUpdates()).isEqualTo(Map.of("Bio__c", "Bridges."));
        assertThat(outcome.updatesFor("community")).isEqualTo(Map.of("membershipEndDate", "2027-01-31"));
        assertThat(outcome.loggedDecisions()).isEmpty();
    }

    @Test
    void theEchoOfAWriteTheBusMadeIsUnchanged() {
        // the bus wrote the status to the community and agreed its version 7; the echo carries it all
        var outcome = merge("community", "7", Map.of("membershipStatus", "ACTIVE", "bio", "Bridges."), Map.of(), "7");

        assertThat(outcome.redelivered()).isTrue();
        assertThat(outcome.decisions()).extracting(Decision::decision).containsOnly(DecisionKind.UNCHANGED);
        assertThat(outcome.crmUpdates()).isEmpty();
        assertThat(outcome.systemUpdates()).isEmpty();
    }

    @Test
    void theSameInstantUnderAnotherOffsetIsTheSameVersion() {
        var outcome = merge("crm", "2026-11-23T10:00:00.000+0000", Map.of("Bio__c", "x"), Map.of(),
                "2026-11-23T11:00:00.000+0100");
        assertThat(outcome.redelivered()).isTrue();
        assertThat(outcome.stale()).isFalse();
    }

    @Test
    void unchangedFieldIsSkippedAndNotLogged() {
        var outcome = fromCommunity(Map.of("bio", "Bridges.", "membershipStatus", "ACTIVE"));

        assertThat(outcome.decisions()).extracting(Decision::decision).containsOnly(DecisionKind.UNCHANGED);
        assertThat(outcome.loggedDecisions()).isEmpty();
        assertThat(outcome.crmUpdates()).isEmpty();
        assertThat(outcome.systemUpdates()).isEmpty();
    }

    @Test
    void numbersAndDatesCompareByValue() {
        var outcome = merge("crm", "2026-11-23T10:00:00Z",
                Map.of("Membership_Dues__c", 150, "Membership_End_Date__c", LocalDate.of(2027, 1, 31)), Map.of(), null);

        assertThat(outcome.decisions()).extracting(Decision::decision).containsOnly(DecisionKind.UNCHANGED);
    }

    @Test
    void theCommunityReportingTheValueTheCrmAlreadyMovedToIsNoConflict() {
        var outcome = merge("community", "8", Map.of("membershipStatus", "LAPSED"),
                Map.of("Membership_Status__c", "LAPSED"), "7");

        assertThat(only(outcome).decision()).isEqualTo(DecisionKind.UNCHANGED);
        assertThat(outcome.systemUpdates()).isEmpty();
    }

    @Test
    void crmStaffEditingACommunityOwnedFieldAreSetBackToTheCommunityValue() {
        var outcome = merge("crm", "2026-11-23T10:00:00Z", Map.of("Bio__c", "Edited by staff."), Map.of(), null);

        assertThat(only(outcome).decision()).isEqualTo(DecisionKind.CORRECTED);
        assertThat(outcome.crmUpdates()).isEqualTo(Map.of("Bio__c", "Bridges."));
        assertThat(outcome.agreed()).containsEntry("bio", "Bridges.");
    }

    @Test
    void aCorrectionNeedsTheOwnersValue() {
        var outcome = fromCommunity(Map.of("level", "FELLOW", "memberNumber", "M-1"));

        assertThat(outcome.decisions()).extracting(Decision::field, Decision::decision).containsExactlyInAnyOrder(
                tuple("level", DecisionKind.CORRECTED), tuple("memberNumber", DecisionKind.REJECTED));
        assertThat(outcome.decisions()).filteredOn(d -> d.field().equals("memberNumber")).singleElement()
                .extracting(Decision::reason).asString().contains("not known to the ledger yet");
        assertThat(outcome.updatesFor("community")).isEqualTo(Map.of("level", "PROFESSIONAL"));
    }

    @Test
    void oneWebhookWithManyFieldsIsDecidedFieldByField() {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("bio", "New bio.");
        fields.put("email", "ada@new.example.org");
        fields.put("membershipStatus", "ARCHIVED");
        fields.put("avatarUrl", "https://cdn.example.org/ada.png");
        fields.put("engagement", Map.of("posts", 3));
        var outcome = fromCommunity(fields);

        assertThat(outcome.decisions()).extracting(Decision::field, Decision::decision).containsExactly(
                tuple("bio", DecisionKind.APPLIED),
                tuple("email", DecisionKind.PROPOSED),
                tuple("status", DecisionKind.CORRECTED),
                tuple("avatarUrl", DecisionKind.APPLIED));
        assertThat(outcome.crmUpdates()).containsExactly(
                Map.entry("Bio__c", "New bio."), Map.entry("Avatar_URL__c", "https://cdn.example.org/ada.png"));
        assertThat(outcome.updatesFor("community")).isEqualTo(Map.of("membershipStatus", "ACTIVE"));
        assertThat(outcome.proposals()).extracting(Proposal::crmField).containsExactly("Email");
        assertThat(outcome.ignoredFields()).containsExactly("engagement");
    }

    @Test
    void rejectRuleIgnoresTheChangeAndRecordsIt() {
        var rules = SyncRules.parse("""
                system-of-record: crm
                systems: { crm: { versions: timestamp }, gateway: { versions: sequence } }
                objects:
                  member:
                    fields:
                      email: { owner: crm, non-owner: reject, crm: Email, gateway: customer_email }
                """, "test");
        var merge = new ThreeWayMerge(rules.object("member"), "crm");
        var outcome = merge.merge(ID, ThreeWayMerge.Base.of(Map.of("email", "a@example.org"), null),
                new ThreeWayMerge.Change(rules.system("gateway"), "3", Map.of("email", "b@example.org")), List.of());

        var decision = only(outcome);
        assertThat(decision.decision()).isEqualTo(DecisionKind.REJECTED);
        assertThat(decision.rule()).isEqualTo("member.email (crm owns; others: reject)");
        assertThat(outcome.crmUpdates()).isEmpty();
        assertThat(outcome.systemUpdates()).isEmpty();
        assertThat(outcome.loggedDecisions()).hasSize(1);
    }

    @Test
    void anOwnersChangeFlowsToEverySystemHoldingTheField() {
        var rules = SyncRules.parse("""
                system-of-record: crm
                systems: { crm: { versions: timestamp }, community: { versions: sequence }, gateway: { versions: sequence } }
                objects:
                  member:
                    fields:
                      email: { owner: crm, non-owner: propose, crm: Email, community: email, gateway: customer_email }
                """, "test");
        var outcome = new ThreeWayMerge(rules.object("member"), "crm").merge(ID, ThreeWayMerge.Base.of(Map.of(), null),
                new ThreeWayMerge.Change(rules.system("crm"), null, Map.of("email", "b@example.org")), List.of());

        assertThat(outcome.systemUpdates()).isEqualTo(Map.of(
                "community", Map.of("email", "b@example.org"), "gateway", Map.of("customer_email", "b@example.org")));
        assertThat(only(outcome).reason()).isEqualTo("crm owns email; flows to community, gateway");
    }

    // ---- mapping ------------------------------------------------------------------------------

    @Test
    void salesforceFieldNamesMapToCanonicalOnesAndBack() {
        var contact = new LinkedHashMap<String, Object>();
        contact.put("Id", ID);
        contact.put("FirstName", "Ada");
        contact.put("Membership_Status__c", "ACTIVE");
        contact.put("Membership_Start_Date__c", "2026-02-01");
        contact.put("MailingCity", "Leeds");
        contact.put("SystemModstamp", "2026-11-23T10:00:00.000+0000");

        var canonical = MEMBER.toCanonical("crm", contact);
        assertThat(canonical.values()).containsExactly(Map.entry("firstName", "Ada"), Map.entry("status", "ACTIVE"),
                Map.entry("startDate", "2026-02-01"), Map.entry("city", "Leeds"));
        assertThat(canonical.unknown()).containsExactly("Id", "SystemModstamp");

        assertThat(MEMBER.fromCanonical("crm", canonical.values())).containsExactly(
                Map.entry("FirstName", "Ada"), Map.entry("Membership_Status__c", "ACTIVE"),
                Map.entry("Membership_Start_Date__c", "2026-02-01"), Map.entry("MailingCity", "Leeds"));
        // the community holds no start date: it is left out, and the rest take the community's names
        assertThat(MEMBER.fromCanonical("community", canonical.values())).containsExactly(
                Map.entry("firstName", "Ada"), Map.entry("membershipStatus", "ACTIVE"), Map.entry("city", "Leeds"));
    }

    @Test
    void mappingKeepsNullValues() {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("Phone", null);
        assertThat(MEMBER.toCanonical("crm", fields).values()).containsEntry("phone", null);
        assertThat(MEMBER.toCanonical("crm", null).values()).isEmpty();
    }
}
