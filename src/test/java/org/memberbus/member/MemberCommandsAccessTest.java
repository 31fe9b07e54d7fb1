package org.memberbus.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memberbus.sync.Decision;
import org.memberbus.sync.DecisionKind;
import org.memberbus.sync.MergeOutcome;

/** The community's access level follows what the CRM says, also where the ledger has not agreed it yet. */
class MemberCommandsAccessTest {

    static Decision decision(String field, String system, Object old, Object incoming, DecisionKind kind) {
        return new Decision("member", "003DM0000000157AAA", field, system, "1", old, incoming, null, kind, "rule", "why");
    }

    static MergeOutcome outcome(Map<String, Object> agreed, List<Decision> decisions) {
        return new MergeOutcome("member", "003DM0000000157AAA", decisions.get(0).system(), "1", false, false, Map.of(),
                Map.of(), List.of(), agreed, decisions, List.of());
    }

    @Test
    void aFirstSightCorrectionGrantsWhatTheCrmStatusAndLevelSay() {
        var first = outcome(Map.of(), List.of(
                decision("status", "community", "Active", "Lapsed", DecisionKind.CORRECTED),
                decision("level", "community", "Fellow", "Fellow", DecisionKind.UNCHANGED)));
        assertThat(MemberCommands.accessFor(MemberCommands.crmView(first))).isEqualTo(AccessLevel.PREMIUM);
    }

    @Test
    void aCrmChangeCountsAndAStaleOneDoesNot() {
        var lapse = outcome(Map.of("status", "Active", "level", "Fellow"),
                List.of(decision("status", "crm", "Active", "Lapsed", DecisionKind.APPLIED)));
        assertThat(MemberCommands.accessFor(MemberCommands.crmView(lapse))).isEqualTo(AccessLevel.RESTRICTED);
        var stale = outcome(Map.of("status", "Archived"),
                List.of(decision("status", "crm", "Archived", "Active", DecisionKind.STALE)));
        assertThat(MemberCommands.accessFor(MemberCommands.crmView(stale))).isEqualTo(AccessLevel.NONE);
    }
}
