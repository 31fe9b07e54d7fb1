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

    /** The agreed state of the member before each example (canonical: the CRM's values). */
    static final Map<String, Object> AGREED = Map.of(
            "status", "Active", "level", "Professional", "endDate", "2027-01-31", "dues", new BigDecimal("150.00"),
            "employer", "Acme Engineering", "email", "ada@example.org", "bio", "Bridges.",
            "communicationPreferences", "{\"email\":true,\"newsletter\":true,\"sms\":false}");

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
                Map.of("Membership_Status__c", "Lapsed"), "7");

        var decision = only(outcome);
        assertThat(decision.decision()).isEqualTo(DecisionKind.CRM_WINS);
        assertThat(decision.conflict()).isTrue();
        assertThat(decision).extracting(Decision::field, Decision::system, Decision::oldValue, Decision::newValue,
                Decision::baseValue).containsExactly("status", "community", "Lapsed", "Pending", "Active");
        assertThat(decision.rule()).isEqualTo("member.status (crm owns; others: correct)");
        assertThat(decision.reason()).contains("conflict");
        assertThat(outcome.updatesFor("community")).isEqualTo(Map.of("membershipStatus", "LAPSED"));
        assertThat(outcome.crmUpdates()).isEmpty();
        // the CRM's own change event, still to come, moves the agreed value and fans it out
        assertThat(outcome.agreed()).containsEntry("status", "Active");
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
        var outcome = merge("crm", "2026-11-23T10:00:00.000+0000", Map.of("Membership_Status__c", "Lapsed"),
                Map.of(), "2026-11-20T08:00:00.000+0000");

        var decision = only(outcome);
        assertThat(decision.decision()).isEqualTo(DecisionKind.APPLIED);
        assertThat(decision).extracting(Decision::system, Decision::oldValue, Decision::newValue)
                .containsExactly("crm", "Active", "Lapsed");
        // the community spells it its own way
        assertThat(outcome.updatesFor("community")).isEqualTo(Map.of("membershipStatus", "LAPSED"));
        assertThat(outcome.crmUpdates()).isEmpty();
        assertThat(outcome.agreed()).containsEntry("status", "Lapsed");
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
                Map.of("Membership_Status__c", "Lapsed"), "7");

        assertThat(only(outcome).decision()).isEqualTo(DecisionKind.UNCHANGED);
        assertThat(outcome.systemUpdates()).isEmpty();
    }

    @Test
    void onAFirstSightAValueBothSystemsHoldBecomesAgreedAndACorrectedOneDoesNot() {
        var change = MEMBER.toCanonical("community", Map.of("membershipStatus", "LAPSED", "level", "FELLOW"));
        var crm = MEMBER.toCanonical("crm", Map.of("Membership_Status__c", "Active", "Membership_Level__c", "Fellow")).values();
        var outcome = new ThreeWayMerge(MEMBER, RULES.systemOfRecord()).merge(ID,
                new ThreeWayMerge.Base(Map.of(), crm, null, Set.of()),
                new ThreeWayMerge.Change(RULES.system("community"), "1", change.values()), change.unknown());

        assertThat(outcome.agreed()).isEqualTo(Map.of("level", "Fellow"));
        assertThat(outcome.updatesFor("community")).isEqualTo(Map.of("membershipStatus", "ACTIVE"));
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
                Map.entry("Bio__c", "New bio."), Map.entry("Avatar_Url__c", "https://cdn.example.org/ada.png"));
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

    // ---- values spelled differently per system ------------------------------------------------

    @Test
    void communityLapsedAgainstActiveIsCorrectedAndTheCommunityGetsActiveInItsSpelling() {
        var outcome = merge("community", "8", Map.of("membershipStatus", "LAPSED"),
                Map.of("Membership_Status__c", "Active"), "7");

        var decision = only(outcome);
        assertThat(decision.decision()).isEqualTo(DecisionKind.CORRECTED);
        // the decision speaks canonical values, whoever sent the change
        assertThat(decision).extracting(Decision::oldValue, Decision::newValue, Decision::baseValue)
                .containsExactly("Active", "Lapsed", "Active");
        assertThat(outcome.updatesFor("community")).isEqualTo(Map.of("membershipStatus", "ACTIVE"));
        assertThat(outcome.crmUpdates()).isEmpty();
        assertThat(outcome.agreed()).isEqualTo(AGREED);
    }

    @Test
    void aCommunityValueThatMeansTheAgreedOneIsUnchanged() {
        var outcome = fromCommunity(Map.of("membershipStatus", "ACTIVE", "level", "PROFESSIONAL"));

        assertThat(outcome.decisions()).extracting(Decision::decision).containsOnly(DecisionKind.UNCHANGED).hasSize(2);
        assertThat(outcome.decisions()).extracting(Decision::newValue)
                .containsExactlyInAnyOrder("Active", "Professional");
        assertThat(outcome.crmUpdates()).isEmpty();
        assertThat(outcome.systemUpdates()).isEmpty();
    }

    @Test
    void aCrmLevelChangeReachesTheCommunityInItsSpelling() {
        var outcome = merge("crm", "2026-11-23T10:00:00Z", Map.of("Membership_Level__c", "Fellow"), Map.of(), null);

        assertThat(only(outcome).decision()).isEqualTo(DecisionKind.APPLIED);
        assertThat(outcome.updatesFor("community")).isEqualTo(Map.of("level", "FELLOW"));
        assertThat(outcome.agreed()).containsEntry("level", "Fellow");
    }

    @Test
    void aValueNotInTheMapPassesUnchanged() {
        var outcome = merge("crm", "2026-11-23T10:00:00Z", Map.of("Membership_Status__c", "Suspended"), Map.of(), null);

        assertThat(outcome.updatesFor("community")).isEqualTo(Map.of("membershipStatus", "Suspended"));
        assertThat(MEMBER.toCanonical("community", Map.of("membershipStatus", "SUSPENDED")).values())
                .isEqualTo(Map.of("status", "SUSPENDED"));
    }

    @Test
    void communicationPreferencesInAnotherKeyOrderAreTheCrmsText() {
        var preferences = new LinkedHashMap<String, Object>();
        preferences.put("sms", false);
        preferences.put("newsletter", true);
        preferences.put("email", true);
        var outcome = fromCommunity(Map.of("communicationPreferences", preferences));

        assertThat(only(outcome).decision()).isEqualTo(DecisionKind.UNCHANGED);
        assertThat(outcome.crmUpdates()).isEmpty();
    }

    @Test
    void changedCommunicationPreferencesFlowToTheCrmAsCompactSortedJsonText() {
        var preferences = new LinkedHashMap<String, Object>();
        preferences.put("sms", true);
        preferences.put("email", true);
        preferences.put("newsletter", false);
        var outcome = fromCommunity(Map.of("communicationPreferences", preferences));

        var text = "{\"email\":true,\"newsletter\":false,\"sms\":true}";
        var decision = only(outcome);
        assertThat(decision.decision()).isEqualTo(DecisionKind.APPLIED);
        assertThat(decision.newValue()).isEqualTo(text);
        assertThat(outcome.crmUpdates()).isEqualTo(Map.of("Communication_Preferences__c", text));
        assertThat(outcome.agreed()).containsEntry("communicationPreferences", text);
    }

    @Test
    void crmStaffEditingCommunicationPreferencesAreSetBackToTheCommunitysAsText() {
        var outcome = merge("crm", "2026-11-23T10:00:00Z",
                Map.of("Communication_Preferences__c", "{\"email\":false}"), Map.of(), null);

        assertThat(only(outcome).decision()).isEqualTo(DecisionKind.CORRECTED);
        assertThat(outcome.crmUpdates()).isEqualTo(Map.of("Communication_Preferences__c",
                "{\"email\":true,\"newsletter\":true,\"sms\":false}"));
    }

    @Test
    void theJsonCodecSortsNestedKeysAndParsesOnTheWayOut() {
        var nested = Map.of("b", Map.of("y", 1, "x", 2.50), "a", List.of(Map.of("d", 1, "c", 2)));
        var canonical = MEMBER.toCanonical("community", Map.of("communicationPreferences", nested)).values();
        assertThat(canonical).isEqualTo(Map.of("communicationPreferences",
                "{\"a\":[{\"c\":2,\"d\":1}],\"b\":{\"x\":2.5,\"y\":1}}"));

        assertThat(MEMBER.fromCanonical("community", Map.of("communicationPreferences", "{\"sms\":false,\"email\":true}")))
                .isEqualTo(Map.of("communicationPreferences", Map.of("sms", false, "email", true)));
        // text that is no JSON object is passed on as it is (the community refuses it, the merge goes on)
        assertThat(MEMBER.fromCanonical("community", Map.of("communicationPreferences", "email only")))
                .isEqualTo(Map.of("communicationPreferences", "email only"));
        var nothing = new LinkedHashMap<String, Object>();
        nothing.put("communicationPreferences", null);
        assertThat(MEMBER.fromCanonical("community", nothing)).containsEntry("communicationPreferences", null);
        assertThat(MEMBER.toCanonical("community", nothing).values()).containsEntry("communicationPreferences", null);
    }

    // ---- mapping ------------------------------------------------------------------------------

    @Test
    void salesforceFieldNamesMapToCanonicalOnesAndBack() {
        var contact = new LinkedHashMap<String, Object>();
        contact.put("Id", ID);
        contact.put("FirstName", "Ada");
        contact.put("Membership_Status__c", "Active");
        contact.put("Membership_Start_Date__c", "2026-02-01");
        contact.put("MailingCity", "Leeds");
        contact.put("SystemModstamp", "2026-11-23T10:00:00.000+0000");

        var canonical = MEMBER.toCanonical("crm", contact);
        assertThat(canonical.values()).containsExactly(Map.entry("firstName", "Ada"), Map.entry("status", "Active"),
                Map.entry("startDate", "2026-02-01"), Map.entry("city", "Leeds"));
        assertThat(canonical.unknown()).containsExactly("Id", "SystemModstamp");

        assertThat(MEMBER.fromCanonical("crm", canonical.values())).containsExactly(
                Map.entry("FirstName", "Ada"), Map.entry("Membership_Status__c", "Active"),
                Map.entry("Membership_Start_Date__c", "2026-02-01"), Map.entry("MailingCity", "Leeds"));
        // the community holds no start date: it is left out, and the rest take the community's names and values
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
