package org.memberbus.member.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run's bookkeeping steps, without a bus: one run at a time, and the paging of both systems. */
class MemberReconciliationStepsTest {

    final MemberReconciliation reconciliation = new MemberReconciliation(null, null, null, 500);

    @Test
    void oneRunAtATimeAndAFailedRunLetsTheNextOneStart() {
        var run = reconciliation.start();
        assertThat(run).isNotNull();
        assertThat(reconciliation.start()).isNull();
        reconciliation.release(null); // the refused call's own completion releases nothing
        assertThat(reconciliation.start()).isNull();
        reconciliation.release(run);
        var next = reconciliation.start();
        assertThat(next).isNotNull().isNotSameAs(run);
        reconciliation.finish(next);
        reconciliation.release(next);
        assertThat(reconciliation.start()).isNotNull();
    }

    @Test
    void soqlPagesAreFollowedUntilDone() {
        var run = new ReconciliationRun();
        assertThat(reconciliation.addCrmPage(run, Map.of("done", false, "nextRecordsUrl", "/services/data/v56.0/query/01g-2000",
                "records", List.of(Map.of("Id", "003A"))))).isEqualTo("/services/data/v56.0/query/01g-2000");
        assertThat(reconciliation.addCrmPage(run, Map.of("done", true, "records", List.of(Map.of("Id", "003B"))))).isNull();
        assertThat(run.crmRecords()).hasSize(2);
        assertThat(run.report().apiCalls().salesforce()).isEqualTo(2);
    }

    @Test
    void communityPagesAreReadUntilTheTotalIsSeen() {
        var run = new ReconciliationRun();
        var full = List.of(Map.<String, Object>of("id", "cm_1"), Map.<String, Object>of("id", "cm_2"));
        assertThat(reconciliation.addCommunityPage(run, Map.of("data", full, "page", 0, "size", 2, "total", 3))).isEqualTo(1);
        assertThat(reconciliation.addCommunityPage(run, Map.of("data", List.of(Map.of("id", "cm_3")), "page", 1,
                "size", 2, "total", 3))).isNull();
        assertThat(reconciliation.addCommunityPage(run, Map.of("data", List.of(), "page", 0, "size", 2, "total", 0))).isNull();
        assertThat(run.accounts()).hasSize(3);
        assertThat(run.report().apiCalls().communityReads()).isEqualTo(3);
    }

    @Test
    void crmContactUpdatesAreBatchedAsContactDtosWithNullsSentAsNull() {
        var small = new MemberReconciliation(null, null, null, 2);
        var run = new ReconciliationRun();
        var bio = new java.util.HashMap<String, Object>();
        bio.put("Bio__c", null);
        run.commands("003A", List.of(new org.memberbus.member.MemberCommands.Command("crm", "updateSObject", "Contact/003A",
                Map.of("Communication_Preferences__c", "{\"email\":true}"))));
        run.commands("003B", List.of(new org.memberbus.member.MemberCommands.Command("crm", "updateSObject", "Contact/003B", bio)));
        run.commands("003C", List.of(new org.memberbus.member.MemberCommands.Command("crm", "updateSObject", "Contact/003C",
                Map.of("Avatar_Url__c", "https://x/y.png"))));
        var batches = small.crmBatches(run);
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).extracting(c -> c.getId()).containsExactly("003A", "003B");
        assertThat(batches.get(0).get(0).getCommunication_Preferences__c()).isEqualTo("{\"email\":true}");
        assertThat(batches.get(0).get(1).getFieldsToNull()).containsExactly("Bio__c");
        assertThat(batches.get(1).get(0).getAvatar_Url__c()).isEqualTo("https://x/y.png");
    }
}
