package org.memberbus.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SyncRulesTest {

    static final String HEAD = """
            system-of-record: crm
            systems:
              crm: { versions: timestamp }
              community: { versions: sequence }
            objects:
              member:
                fields:
            """;

    static SyncRules parse(String fields) {
        return SyncRules.parse(HEAD + fields, "rules.yaml");
    }

    static void refused(String fields, String message) {
        assertThatThrownBy(() -> parse(fields)).isInstanceOf(SyncRulesException.class)
                .hasMessage("Invalid sync rules in rules.yaml: " + message);
    }

    @Test
    void theShippedRulesLoadFromDiskAndFromTheClasspath() {
        for (var path : new String[] {"config/sync-rules.yaml", "/config/sync-rules.yaml"}) {
            var rules = SyncRules.load(path);
            assertThat(rules.systemOfRecord()).isEqualTo("crm");
            assertThat(rules.system("community").versions()).isEqualTo(VersionOrder.SEQUENCE);
            var status = rules.object("member").field("status");
            assertThat(status.owner()).isEqualTo("crm");
            assertThat(status.nonOwner()).isEqualTo(NonOwnerAction.CORRECT);
            assertThat(status.nameIn("crm")).isEqualTo("Membership_Status__c");
            assertThat(status.nameIn("community")).isEqualTo("membershipStatus");
            assertThat(rules.object("member").field("bio").owner()).isEqualTo("community");
            assertThat(rules.object("member").field("employer").nonOwner()).isEqualTo(NonOwnerAction.PROPOSE);
            assertThat(status.fromCanonical("community", "Pending")).isEqualTo("PENDING");
            assertThat(status.toCanonical("community", "ARCHIVED")).isEqualTo("Archived");
            assertThat(status.fromCanonical("crm", "Pending")).isEqualTo("Pending");
            assertThat(rules.object("member").field("level").fromCanonical("community", "Student")).isEqualTo("STUDENT");
            assertThat(rules.object("member").field("avatarUrl").nameIn("crm")).isEqualTo("Avatar_Url__c");
            assertThat(rules.object("member").field("communicationPreferences").codecs())
                    .containsEntry("community", ValueCodec.JsonText.INSTANCE);
        }
    }

    @Test
    void aValidFileGivesItsRules() {
        var rules = parse("""
                      email: { owner: crm, non-owner: propose, crm: Email, community: email }
                      bio:   { owner: community, non-owner: reject, crm: Bio__c, community: bio }
                """);
        assertThat(rules.object("member").fields()).extracting(FieldRule::field).containsExactly("email", "bio");
        assertThat(rules.object("member").field("bio").nonOwner()).isEqualTo(NonOwnerAction.REJECT);
    }

    @Test
    void anUnknownOwnerSystemIsRefused() {
        refused("      email: { owner: erp, non-owner: propose, crm: Email }\n",
                "objects.member.fields.email: unknown owner system 'erp' (systems: crm, community)");
    }

    @Test
    void anUnknownActionIsRefused() {
        refused("      email: { owner: crm, non-owner: overwrite, crm: Email }\n",
                "objects.member.fields.email: unknown non-owner action 'overwrite' (correct, propose, reject)");
    }

    @Test
    void aDuplicateFieldIsRefused() {
        refused("""
                      email: { owner: crm, non-owner: propose, crm: Email }
                      email: { owner: crm, non-owner: correct, crm: Email }
                """, "duplicate key 'email' (line 9)");
    }

    @Test
    void twoFieldsUnderOneNameInASystemAreRefused() {
        refused("""
                      email:  { owner: crm, non-owner: propose, crm: Email }
                      email2: { owner: crm, non-owner: propose, crm: Email }
                """, "objects.member.fields.email2: crm name 'Email' is already the name of email");
    }

    @Test
    void aProposalCanOnlyGoToTheSystemOfRecord() {
        refused("      bio: { owner: community, non-owner: propose, crm: Bio__c, community: bio }\n",
                "objects.member.fields.bio: 'propose' needs the system of record (crm) as owner, not community");
    }

    @Test
    void anUnknownSystemNameKeyIsRefused() {
        refused("      email: { owner: crm, non-owner: propose, crm: Email, comunity: email }\n",
                "objects.member.fields.email: unknown system 'comunity' (systems: crm, community; or owner, non-owner, values, codec)");
    }

    @Test
    void theOwnerMustHoldTheField() {
        refused("      bio: { owner: community, non-owner: correct, crm: Bio__c }\n",
                "objects.member.fields.bio: the owner community has no name for the field");
    }

    @Test
    void aValueMapMustBeOneToOne() {
        refused("""
                      status: { owner: crm, non-owner: correct, crm: Status__c, community: status,
                                values: { community: { Active: ACTIVE, Current: ACTIVE } } }
                """, "objects.member.fields.status.values.community: not one-to-one: 'Active' and 'Current' both "
                + "map to community value 'ACTIVE'");
    }

    @Test
    void aValueMapHoldsTextOnly() {
        refused("""
                      optIn: { owner: crm, non-owner: correct, crm: Opt_In__c, community: optIn,
                               values: { community: { Y: yes } } }
                """, "objects.member.fields.optIn.values.community: the value for 'Y' is not text: true (quote it)");
        refused("""
                      optIn: { owner: crm, non-owner: correct, crm: Opt_In__c, community: optIn,
                               values: { community: { yes: Y } } }
                """, "objects.member.fields.optIn.values.community: key true is not text (quote it)");
    }

    @Test
    void valuesAreSpelledOnlyBySystemsThatHoldTheFieldAndNotByTheSystemOfRecord() {
        refused("""
                      dues: { owner: crm, non-owner: correct, crm: Dues__c, values: { community: { A: B } } }
                """, "objects.member.fields.dues.values.community: community does not hold the field (it has no name for it)");
        refused("""
                      status: { owner: crm, non-owner: correct, crm: Status__c, values: { crm: { A: B } } }
                """, "objects.member.fields.status.values.crm: crm is the system of record: its values are the "
                + "canonical ones");
        refused("""
                      status: { owner: crm, non-owner: correct, crm: Status__c, values: { comunity: { A: B } } }
                """, "objects.member.fields.status.values.comunity: unknown system 'comunity' (systems: crm, community)");
    }

    @Test
    void anUnknownCodecIsRefused() {
        refused("""
                      prefs: { owner: community, non-owner: correct, crm: Prefs__c, community: prefs,
                               codec: { community: xml } }
                """, "objects.member.fields.prefs.codec.community: unknown codec 'xml' (json)");
        refused("""
                      prefs: { owner: community, non-owner: correct, crm: Prefs__c, community: prefs,
                               values: { community: { A: B } }, codec: { community: json } }
                """, "objects.member.fields.prefs.codec.community: community has values too; give it one or the other");
    }

    @Test
    void aValueMapAndACodecApplyToTheirSystemOnly() {
        var rules = parse("""
                      status: { owner: crm, non-owner: correct, crm: Status__c, community: status,
                                values: { community: { Active: ACTIVE } } }
                      prefs:  { owner: community, non-owner: correct, crm: Prefs__c, community: prefs,
                                codec: { community: json } }
                """).object("member");
        assertThat(rules.toCanonical("community", java.util.Map.of("status", "ACTIVE", "prefs", java.util.Map.of("a", 1)))
                .values()).isEqualTo(java.util.Map.of("status", "Active", "prefs", "{\"a\":1}"));
        assertThat(rules.toCanonical("crm", java.util.Map.of("Status__c", "ACTIVE", "Prefs__c", "{\"a\":1}"))
                .values()).isEqualTo(java.util.Map.of("status", "ACTIVE", "prefs", "{\"a\":1}"));
    }

    @Test
    void aMissingActionIsRefused() {
        refused("      email: { owner: crm, crm: Email }\n",
                "objects.member.fields.email: 'non-owner' is missing");
    }

    @Test
    void systemsAndObjectsAreChecked() {
        assertThatThrownBy(() -> SyncRules.parse("""
                system-of-record: erp
                systems: { crm: { versions: timestamp } }
                objects: { member: { fields: { email: { owner: crm, non-owner: propose, crm: Email } } } }
                """, "r")).hasMessage("Invalid sync rules in r: system-of-record: unknown system 'erp' (systems: crm)");
        assertThatThrownBy(() -> SyncRules.parse("""
                system-of-record: crm
                systems: { crm: { versions: lamport } }
                objects: {}
                """, "r")).hasMessage("Invalid sync rules in r: systems.crm.versions: unknown version order 'lamport' "
                + "(timestamp, sequence)");
        assertThatThrownBy(() -> SyncRules.parse("systems: [crm]", "r"))
                .hasMessage("Invalid sync rules in r: systems: expected a mapping");
        assertThatThrownBy(() -> SyncRules.parse("objects: {", "r")).isInstanceOf(SyncRulesException.class)
                .hasMessageStartingWith("Invalid sync rules in r: not valid YAML: ");
    }

    @Test
    void aMissingFileIsRefused() {
        assertThatThrownBy(() -> SyncRules.load("config/no-such-rules.yaml")).isInstanceOf(SyncRulesException.class)
                .hasMessage("Sync rules not found: config/no-such-rules.yaml is neither a file nor on the classpath");
    }

    @Test
    void lookingUpAnUnknownObjectOrSystemSaysWhatIsKnown() {
        var rules = SyncRules.load("config/sync-rules.yaml");
        assertThatThrownBy(() -> rules.object("invoice")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown object type 'invoice' (sync rules know: member)");
        assertThatThrownBy(() -> rules.system("erp")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown system 'erp' (sync rules know: crm, community)");
    }

    @Test
    void startUpStopsWithTheOneLine() {
        var analysis = new SyncRulesFailureAnalyzer().analyze(new IllegalStateException("wrapped",
                new SyncRulesException("Invalid sync rules in x: y")));
        assertThat(analysis.getDescription()).isEqualTo("Invalid sync rules in x: y");
    }
}
