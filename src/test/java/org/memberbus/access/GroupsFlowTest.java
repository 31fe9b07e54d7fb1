package org.memberbus.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memberbus.SandboxTest;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;

/**
 * Groups both ways across the whole bus, driven from outside: members ask on the community (to join
 * a group, for a new group), staff answer and act in the CRM, and the test looks at what the CRM and
 * the community end up holding, counting records. Active demo members of their own (number % 97 == 91).
 */
@SandboxTest
class GroupsFlowTest extends CommunityMembersFlow {

    static final List<DemoMember> OURS = activeMembers(91);

    List<String> groupMembers(String group) throws Exception {
        var members = communityGet("/api/v1/groups/" + group + "/members");
        return members == null ? List.of() : members.path("data").findValuesAsText("accountId");
    }

    JsonNode memberships(String contactId, String group) {
        return partners.soql("SELECT Id, Role__c, Status__c, Source__c, Community_Request_Id__c, Community_Group__c"
                + " FROM Group_Membership__c WHERE Contact__c = '" + contactId + "' AND Group_Name__c = '" + group + "'")
                .path("records");
    }

    boolean mayJoin(DemoMember member, String group) throws Exception {
        return decision(member, "join", "group/" + group).path("allowed").asBoolean();
    }

    /** The member asks to join: the community's own answer, the request. */
    String askToJoin(DemoMember member, String group) throws Exception {
        var asked = communityCall("POST", "/api/v1/groups/" + group + "/join-requests",
                "{\"accountId\": \"" + member.communityId() + "\"}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        return json.readTree(asked.body()).path("result").path("id").asText();
    }

    @Test
    void aJoinRequestIsCheckedByTheAccessRulesRecordedInTheCrmOnceAndAcceptedOnTheCommunity() throws Exception {
        var member = OURS.get(0);
        var lapsed = OURS.get(1);
        var group = "policy-council-" + Long.toString(System.nanoTime(), 36);
        var defined = communityCall("PUT", "/api/v1/groups/" + group,
                "{\"title\": \"Policy Council\", \"description\": \"Members shaping the association's policy\","
                        + " \"joinPolicy\": \"request\"}");
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
        // a group that takes requests cannot simply be joined
        var direct = communityCall("POST", "/api/v1/activity", "{\"type\": \"group.joined\", \"accountId\": \""
                + member.communityId() + "\", \"data\": {\"group\": \"" + group + "\"}}");
        assertThat(direct.statusCode()).as(direct.body()).isEqualTo(409);

        var requestId = askToJoin(member, group);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var request = communityGet("/api/v1/group-join-requests/" + requestId);
            assertThat(request.path("status").asText()).as(request.toString()).isEqualTo("Accepted");
            assertThat(groupMembers(group)).contains(member.communityId());
        });
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> memberships(member.crmContactId(), group).size() == 1);
        var recorded = memberships(member.crmContactId(), group).get(0);
        assertThat(recorded.path("Source__c").asText()).isEqualTo("Community");
        assertThat(recorded.path("Status__c").asText()).isEqualTo("Active");
        assertThat(recorded.path("Role__c").asText()).isEqualTo("Member");
        assertThat(recorded.path("Community_Request_Id__c").asText()).isEqualTo(requestId);

        // a member the CRM has lapsed is declined, with the reason and what would grant it, and not recorded
        partners.updateSObject("Contact", lapsed.crmContactId(), "{\"Membership_Status__c\": \"Lapsed\"}");
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> !mayJoin(lapsed, group));
            var refusedId = askToJoin(lapsed, group);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                var request = communityGet("/api/v1/group-join-requests/" + refusedId);
                assertThat(request.path("status").asText()).as(request.toString()).isEqualTo("Declined");
                assertThat(request.path("responseMessage").asText()).contains("Lapsed").contains("renewal");
            });
            assertThat(groupMembers(group)).doesNotContain(lapsed.communityId());
            assertThat(memberships(lapsed.crmContactId(), group)).isEmpty();
        } finally {
            partners.updateSObject("Contact", lapsed.crmContactId(), "{\"Membership_Status__c\": \"Active\"}");
        }
        // the accepted member still has one membership in the CRM
        assertThat(memberships(member.crmContactId(), group)).hasSize(1);
    }

    @Test
    void aGroupRequestedOnTheCommunityGoesToStaffAndOnceApprovedIsOnTheCommunityWithItsAdmin() throws Exception {
        var member = OURS.get(2);
        var name = "green-events-" + Long.toString(System.nanoTime(), 36);
        var asked = communityCall("POST", "/api/v1/group-requests", "{\"accountId\": \"" + member.communityId()
                + "\", \"name\": \"" + name + "\", \"title\": \"Green Events\", \"description\": \"Sustainable meetings\"}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        var requestId = json.readTree(asked.body()).path("result").path("id").asText();

        // the approver's work in the CRM: the group waiting for approval, and a Task
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> partners.soql(
                "SELECT Id FROM Community_Group__c WHERE Community_Request_Id__c = '" + requestId + "'").path("records").size() == 1);
        var waiting = partners.soql("SELECT Id, Name, Community_Name__c, Status__c, Requested_By__c, Admin__c"
                + " FROM Community_Group__c WHERE Community_Request_Id__c = '" + requestId + "'").path("records").get(0);
        assertThat(waiting.path("Status__c").asText()).isEqualTo("Requested");
        assertThat(waiting.path("Name").asText()).isEqualTo("Green Events");
        assertThat(waiting.path("Community_Name__c").asText()).isEqualTo(name);
        assertThat(waiting.path("Requested_By__c").asText()).isEqualTo(member.crmContactId());
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> partners.soql(
                "SELECT Id FROM Task WHERE WhoId = '" + member.crmContactId() + "' AND Subject = 'Approve community group: Green Events'")
                .path("records").size() == 1);
        assertThat(communityCall("GET", "/api/v1/groups/" + name, null).statusCode()).isEqualTo(404);
        assertThat(communityGet("/api/v1/group-requests/" + requestId).path("status").asText()).isEqualTo("Pending");

        // staff approve it in the CRM
        partners.updateSObject("Community_Group__c", waiting.path("Id").asText(), "{\"Status__c\": \"Approved\"}");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var group = communityGet("/api/v1/groups/" + name);
            assertThat(group).as("group on the community").isNotNull();
            assertThat(group.path("title").asText()).isEqualTo("Green Events");
            assertThat(group.path("admin").asText()).isEqualTo(member.communityId());
            assertThat(group.path("crmGroupId").asText()).isEqualTo(waiting.path("Id").asText());
            assertThat(communityGet("/api/v1/group-requests/" + requestId).path("status").asText()).isEqualTo("Approved");
        });
        assertThat(groupMembers(name)).containsExactly(member.communityId());
        // the admin's membership reaches the CRM, once
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> memberships(member.crmContactId(), name).size() == 1);
        var admin = memberships(member.crmContactId(), name).get(0);
        assertThat(admin.path("Role__c").asText()).isEqualTo("Admin");
        assertThat(admin.path("Community_Group__c").asText()).isEqualTo(waiting.path("Id").asText());
        assertThat(partners.soql("SELECT Id FROM Community_Group__c WHERE Community_Name__c = '" + name + "'")
                .path("records")).hasSize(1);
    }

    @Test
    void aGroupAndAMembershipStaffMakeInTheCrmReachTheCommunity() throws Exception {
        var admin = OURS.get(3);
        var member = OURS.get(4);
        var name = "chapter-leaders-" + Long.toString(System.nanoTime(), 36);
        var groupId = partners.createSObject("Community_Group__c", "{\"Name\": \"Chapter Leaders\", \"Community_Name__c\": \""
                + name + "\", \"Status__c\": \"Approved\", \"Join_Policy__c\": \"request\", \"Admin__c\": \""
                + admin.crmContactId() + "\"}");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var group = communityGet("/api/v1/groups/" + name);
            assertThat(group).as("group on the community").isNotNull();
            assertThat(group.path("admin").asText()).isEqualTo(admin.communityId());
            assertThat(group.path("joinPolicy").asText()).isEqualTo("request");
        });
        partners.createSObject("Group_Membership__c", "{\"Contact__c\": \"" + member.crmContactId() + "\", \"Group_Name__c\": \""
                + name + "\", \"Community_Group__c\": \"" + groupId + "\", \"Source__c\": \"Staff\"}");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> groupMembers(name).contains(member.communityId()));
        assertThat(groupMembers(name)).containsExactlyInAnyOrder(admin.communityId(), member.communityId());
        // nothing echoed back into the CRM: the staff's membership, and the admin's the bus recorded
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> memberships(admin.crmContactId(), name).size() == 1);
        assertThat(memberships(member.crmContactId(), name)).hasSize(1);
    }

    @Test
    void leavingAGroupOnTheCommunityEndsTheCrmMembershipOnceAndAStaffRemovalInTheCrmTakesTheMemberOffTheCommunity()
            throws Exception {
        var member = OURS.get(5);
        var removed = OURS.get(6);
        var group = "book-club-" + Long.toString(System.nanoTime(), 36);
        // the member joins an open group on the community, and the CRM records it
        var joined = act(member, "group.joined", "{\"group\": \"" + group + "\"}");
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> memberships(member.crmContactId(), group).size() == 1);
        // the member leaves on the community: the CRM's membership ends (once, the same record)
        var left = act(member, "group.left", "{\"group\": \"" + group + "\"}");
        assertThat(left.statusCode()).as(left.body()).isEqualTo(201);
        assertThat(groupMembers(group)).doesNotContain(member.communityId());
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var records = memberships(member.crmContactId(), group);
            assertThat(records).hasSize(1);
            assertThat(records.get(0).path("Status__c").asText()).isEqualTo("Left");
        });
        var ended = partners.soql("SELECT Status__c, Left_Via__c, Left_At__c FROM Group_Membership__c WHERE Contact__c = '"
                + member.crmContactId() + "' AND Group_Name__c = '" + group + "'").path("records").get(0);
        assertThat(ended.path("Left_Via__c").asText()).isEqualTo("Community");
        assertThat(ended.path("Left_At__c").asText()).isNotBlank();
        // leaving twice is refused by the community itself, and the CRM still holds one record
        assertThat(act(member, "group.left", "{\"group\": \"" + group + "\"}").statusCode()).isEqualTo(409);

        // staff add the other member in the CRM (it reaches the community), then remove them there
        var membershipId = partners.createSObject("Group_Membership__c", "{\"Contact__c\": \"" + removed.crmContactId()
                + "\", \"Group_Name__c\": \"" + group + "\", \"Source__c\": \"Staff\"}");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> groupMembers(group).contains(removed.communityId()));
        partners.updateSObject("Group_Membership__c", membershipId, "{\"Status__c\": \"Left\"}");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> !groupMembers(group).contains(removed.communityId()));
        assertThat(memberships(removed.crmContactId(), group)).hasSize(1);
    }
}
