package org.memberbus.member;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.memberbus.sync.Proposal;

/**
 * A proposal for staff is a Task upserted by a key made from what is proposed, so a merge taken
 * again (a fact consumed again after a crash, the reconciliation meeting the same drift) finds the
 * Task it wrote the first time instead of adding another.
 */
class ProposalTaskKeyTest {

    static Proposal employer(String proposed) {
        return new Proposal("member", "003DM0000000157AAA", "employer", "Employer__c", "community", "Acme", proposed);
    }

    @Test
    void theSameProposalHasTheSameKeyAndAnotherValueAnother() {
        assertThat(MemberCommands.proposalKey(employer("Initech"))).isEqualTo(MemberCommands.proposalKey(employer("Initech")))
                .startsWith("proposal-").hasSize("proposal-".length() + 32);
        assertThat(MemberCommands.proposalKey(employer("Globex"))).isNotEqualTo(MemberCommands.proposalKey(employer("Initech")));
        var otherMember = new Proposal("member", "003DM0000000158AAA", "employer", "Employer__c", "community", "Acme", "Initech");
        assertThat(MemberCommands.proposalKey(otherMember)).isNotEqualTo(MemberCommands.proposalKey(employer("Initech")));
    }

    @Test
    void theTaskIsUpsertedByItsKeyField() {
        var command = new MemberCommands.Command("crm", "upsertSObject", "Task/" + MemberCommands.proposalKey(employer("Initech")), java.util.Map.of());
        assertThat(command.externalIdField()).isEqualTo("Bus_Key__c");
        assertThat(new MemberCommands.Command("crm", "updateSObject", "Contact/003", java.util.Map.of()).externalIdField()).isNull();
    }
}
