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
                "objects.member.fields.email: unknown system 'comunity' (systems: crm, community; or owner, non-owner)");
    }

    @Test
    void theOwnerMustHoldTheField() {
        refused("      bio: { owner: community, non-owner: correct, crm: Bio__c }\n",
                "objects.member.fields.bio: the owner community has no name for the field");
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
