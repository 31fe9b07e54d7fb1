package org.memberbus.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memberbus.crm.CrmChange;

/** The group writes, computed without a bus (the join decision itself is the access rules', tested there). */
class CommunityGroupsTest {

    static final String ADMIN = "003DM0000000001AAA";
    final CommunityGroups groups = new CommunityGroups(null, new ObjectMapper());

    static CrmChange change(String entity, String type, Map<String, Object> fields) {
        return new CrmChange(1, entity, type, "a0M000000000001AAA", 0, "", fields);
    }

    static Map<String, Object> query(Map<String, Object> record) {
        return Map.of("records", List.of(record));
    }

    @Test
    void onlyAnApprovalOrRefusalAndAStaffMembershipAreSentToTheCommunity() {
        assertThat(groups.touchesGroups(change("Community_Group__c", "UPDATE", Map.of("Status__c", "Approved")))).isTrue();
        assertThat(groups.touchesGroups(change("Community_Group__c", "UPDATE", Map.of("Status__c", "Declined")))).isTrue();
        assertThat(groups.touchesGroups(change("Community_Group__c", "CREATE", Map.of("Status__c", "Requested")))).isFalse();
        assertThat(groups.touchesGroups(change("Community_Group__c", "UPDATE", Map.of("Description__c", "x")))).isFalse();
        assertThat(groups.touchesGroups(change("Group_Membership__c", "CREATE", Map.of("Source__c", "Staff")))).isTrue();
        // what the bus recorded from the community is not sent back to it
        assertThat(groups.touchesGroups(change("Group_Membership__c", "CREATE", Map.of("Source__c", "Community")))).isFalse();
        assertThat(groups.touchesGroups(change("Group_Membership__c", "UPDATE", Map.of("Source__c", "Staff")))).isFalse();
        assertThat(groups.touchesGroups(change("Contact", "UPDATE", Map.of("Status__c", "Approved")))).isFalse();
    }

    @Test
    void anApprovedGroupIsMadeOnTheCommunityWithItsAdminItsRequestApprovedAndTheAdminRecorded() {
        var record = new LinkedHashMap<String, Object>();
        record.put("Id", "a0M000000000001AAA");
        record.put("Name", "Green Events");
        record.put("Community_Name__c", "green-events");
        record.put("Status__c", "Approved");
        record.put("Join_Policy__c", "request");
        record.put("Community_Request_Id__c", "grq_000001");
        record.put("Admin__c", ADMIN);
        record.put("Admin__r", Map.of("Community_Id__c", "cm_000001"));
        var commands = groups.toCommunity(query(record));
        assertThat(commands).extracting(c -> c.target() + " " + c.operation() + " " + c.path()).containsExactly(
                "community PUT /api/v1/groups/green-events",
                "community PATCH /api/v1/group-requests/grq_000001",
                "crm upsertSObject Group_Membership__c/gm-" + ADMIN + "-green-events");
        assertThat(commands.get(0).body()).containsEntry("admin", "cm_000001").containsEntry("title", "Green Events")
                .containsEntry("crmGroupId", "a0M000000000001AAA");
        assertThat(commands.get(2).body()).containsEntry("Role__c", "Admin").containsEntry("Contact__c", ADMIN);
        assertThat(groups.memberOf(query(record), "a0M000000000001AAA")).isEqualTo(ADMIN);

        record.put("Status__c", "Declined");
        record.put("Decline_Reason__c", "A group on this exists: Sustainability");
        assertThat(groups.toCommunity(query(record))).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("/api/v1/group-requests/grq_000001");
            assertThat(c.body()).containsEntry("status", "Declined")
                    .containsEntry("responseMessage", "A group on this exists: Sustainability");
        });
    }

    @Test
    void aRefusalSaysWhyAndWhatWouldGrantIt() {
        var grant = new LinkedHashMap<String, Object>();
        grant.put("kind", "renewal");
        grant.put("level", "PROFESSIONAL");
        grant.put("price", "245.00 USD");
        var text = CommunityGroups.refusal(Map.of("reason", "membership is Lapsed; member needs Active", "grant", grant));
        assertThat(text).isEqualTo("membership is Lapsed; member needs Active; to join: renewal PROFESSIONAL (245.00 USD)");
    }

    @Test
    void aCreationRequestGoesToStaffWithoutSettingAStatusARepeatCouldUndo() throws Exception {
        var event = """
                {"id": "evt_1", "type": "group.creation_requested", "created": "2026-12-05T10:00:00Z",
                 "account": {"id": "cm_000009", "crmContactId": "003DM0000000009AAA"},
                 "data": {"requestId": "grq_000002", "name": "green-events", "title": "Green Events"}}""";
        var commands = groups.fromCommunity(event, null);
        assertThat(commands).extracting(c -> c.path()).containsExactly("Community_Group__c/group-request-grq_000002",
                "Task/group-request-grq_000002");
        assertThat(commands.get(0).body()).doesNotContainKey("Status__c")
                .containsEntry("Requested_By__c", "003DM0000000009AAA").containsEntry("Community_Name__c", "green-events");
        // a person the CRM does not know yet: nothing
        assertThat(groups.fromCommunity(event.replace("\"003DM0000000009AAA\"", "null"), null)).isEmpty();
    }

    @Test
    void aLeaveOnTheCommunityEndsTheCrmMembershipByItsKeyAndIsNotSentBack() throws Exception {
        var event = """
                {"id": "evt_2", "type": "group.left", "created": "2026-12-05T10:00:00Z",
                 "account": {"id": "cm_000009", "crmContactId": "003DM0000000009AAA"},
                 "data": {"group": "early-career", "leftAt": "2026-12-05T09:59:58.123456Z"}}""";
        var commands = groups.fromCommunity(event, null);
        assertThat(commands).hasSize(1);
        assertThat(commands.get(0).path()).isEqualTo("Group_Membership__c/gm-003DM0000000009AAA-early-career");
        assertThat(commands.get(0).body()).containsEntry("Status__c", "Left").containsEntry("Left_Via__c", "Community")
                .containsEntry("Left_At__c", "2026-12-05T09:59:58.123Z");
        // the CRM's change for that write is the bus's own: not sent back to the community
        assertThat(groups.touchesGroups(change("Group_Membership__c", "UPDATE",
                Map.of("Status__c", "Left", "Left_Via__c", "Community")))).isFalse();
    }

    @Test
    void aMembershipStaffEndInTheCrmTakesTheMemberOffTheGroupOnTheCommunity() {
        assertThat(groups.touchesGroups(change("Group_Membership__c", "UPDATE", Map.of("Status__c", "Left")))).isTrue();
        var record = new LinkedHashMap<String, Object>();
        record.put("Group_Name__c", "early-career");
        record.put("Status__c", "Left");
        record.put("Contact__r", Map.of("Community_Id__c", "cm_000009"));
        var commands = groups.toCommunity(query(record));
        assertThat(commands).hasSize(1);
        assertThat(commands.get(0).operation()).isEqualTo("DELETE");
        assertThat(commands.get(0).path()).isEqualTo("/api/v1/groups/early-career/members/cm_000009");
        // ended on the community itself: nothing to do there
        record.put("Left_Via__c", "Community");
        assertThat(groups.toCommunity(query(record))).isEmpty();
    }
}
