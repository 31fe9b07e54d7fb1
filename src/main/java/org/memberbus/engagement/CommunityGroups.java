package org.memberbus.engagement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.memberbus.access.AccessDecisions;
import org.memberbus.access.AccessDecisions.Ask;
import org.memberbus.access.AccessDecisions.DecisionRequest;
import org.memberbus.crm.CrmChange;
import org.memberbus.member.MemberCommands.Command;
import org.springframework.stereotype.Component;

/**
 * Groups both ways (issue 12, "Sync Group Membership"). From the community: a member's request to
 * join a group is decided by the access rules (the same answer POST /api/v1/access/decisions gives
 * for {@code join group/<name>}), recorded in the CRM as a Group_Membership__c and accepted on the
 * community, or declined there with the reason and what would grant it; a join of an open group is
 * recorded; a request for a new group goes to staff in the CRM (a Community_Group__c waiting in
 * status Requested, and a Task). From the CRM: a group staff approve (or create approved) is made
 * on the community with its admin, the request it answers is approved (or declined with the
 * reason), the admin's membership recorded; a membership staff add in the CRM reaches the
 * community. Every CRM write is an upsert by the bus's key (Bus_Key__c), every community write a
 * state set, so a fact consumed twice changes nothing more. Computes the commands only;
 * routes/engagement-groups.camel.yaml sends them.
 */
@Component("communityGroups")
public class CommunityGroups {

    static final String JOIN_REQUESTED = "group.join_requested";
    static final String JOINED = "group.joined";
    static final String CREATION_REQUESTED = "group.creation_requested";
    static final String LEFT = "group.left";
    static final Set<String> TYPES = Set.of(JOIN_REQUESTED, JOINED, CREATION_REQUESTED, LEFT);
    /** Left_Via__c of a membership the member ended on the community (not sent back there). */
    static final String VIA_COMMUNITY = "Community";
    private static final Pattern CONTACT_ID = Pattern.compile("003[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");
    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9._:~@-]{1,80}");

    private final AccessDecisions decisions;
    private final ObjectMapper json;

    CommunityGroups(AccessDecisions decisions, ObjectMapper json) {
        this.decisions = decisions;
        this.json = json;
    }

    // ---- community to CRM -------------------------------------------------------------------

    /** True for the community's group webhooks this flow handles. */
    public boolean isGroupEvent(String eventType) {
        return eventType != null && TYPES.contains(eventType);
    }

    /** For a join request: may this member join the group (the access rules' question); else null. */
    public DecisionRequest eligibilityQuestion(String event) throws IOException {
        JsonNode root = json.readTree(event);
        var contact = root.path("account").path("crmContactId").asText(null);
        var group = root.path("data").path("group").asText(null);
        if (!JOIN_REQUESTED.equals(root.path("type").asText()) || contact == null || !CONTACT_ID.matcher(contact).matches()
                || group == null || !GROUP_NAME.matcher(group).matches()) {
            return null;
        }
        return new DecisionRequest(contact, List.of(new Ask("join", "group/" + group, null, null)));
    }

    /** True when the member must be read from the CRM before the question is answered. */
    public boolean unseen(DecisionRequest question) {
        return question != null && decisions.needsRead(question);
    }

    /** The writes one group webhook calls for (none for a person the CRM does not know yet). */
    public List<Command> fromCommunity(String event, DecisionRequest question) throws IOException {
        JsonNode root = json.readTree(event);
        var contact = root.path("account").path("crmContactId").asText(null);
        if (contact == null || !CONTACT_ID.matcher(contact).matches()) {
            return List.of();
        }
        var data = root.path("data");
        return switch (root.path("type").asText()) {
            case JOIN_REQUESTED -> joinRequested(contact, data, question);
            case JOINED -> List.of(membership(contact, data.path("group").asText(), "Community",
                    data.path("joinedAt").asText(root.path("created").asText(null)), null));
            case CREATION_REQUESTED -> creationRequested(contact, data);
            case LEFT -> List.of(left(contact, data.path("group").asText(), data.path("leftAt").asText(root.path("created").asText(null))));
            default -> List.of();
        };
    }

    private List<Command> joinRequested(String contact, JsonNode data, DecisionRequest question) {
        var requestId = data.path("requestId").asText();
        var group = data.path("group").asText();
        var path = "/api/v1/group-join-requests/" + requestId;
        @SuppressWarnings("unchecked")
        var decision = ((List<Map<String, Object>>) decisions.decide(question).get("decisions")).get(0);
        if (Boolean.TRUE.equals(decision.get("allowed"))) {
            var membership = membership(contact, group, "Community", null, requestId);
            return List.of(membership, new Command("community", "PATCH", path, Map.of("status", "Accepted")));
        }
        var answer = new LinkedHashMap<String, Object>();
        answer.put("status", "Declined");
        answer.put("responseMessage", refusal(decision));
        return List.of(new Command("community", "PATCH", path, answer));
    }

    /** The reason, and what would grant it, in words a member reads (at most 756 characters, Chatter's limit). */
    static String refusal(Map<String, Object> decision) {
        var text = new StringBuilder(String.valueOf(decision.get("reason")));
        if (decision.get("grant") instanceof Map<?, ?> grant) {
            text.append("; to join: ").append(grant.get("kind"));
            if (grant.get("level") != null) {
                text.append(' ').append(grant.get("level"));
            }
            if (grant.get("price") != null) {
                text.append(" (").append(grant.get("price")).append(')');
            }
            if (grant.get("on") != null) {
                text.append(' ').append(grant.get("on"));
            }
        }
        return text.length() > 756 ? text.substring(0, 756) : text.toString();
    }

    private List<Command> creationRequested(String contact, JsonNode data) {
        var requestId = data.path("requestId").asText();
        var title = data.path("title").asText(data.path("name").asText());
        var group = new LinkedHashMap<String, Object>();
        group.put("Name", truncate(title, 120));
        group.put("Community_Name__c", data.path("name").asText());
        group.put("Description__c", data.path("description").asText(null));
        group.put("Requested_By__c", contact);
        group.put("Admin__c", contact);
        group.put("Community_Request_Id__c", requestId);
        // Status__c is left to the CRM's default (Requested) on create: a repeat must not undo an approval
        var task = new LinkedHashMap<String, Object>();
        task.put("WhoId", contact);
        task.put("Subject", truncate("Approve community group: " + title, 255));
        task.put("Status", "Not Started");
        task.put("Priority", "Normal");
        task.put("Description", "Requested on the community (" + requestId + "), name " + data.path("name").asText()
                + ". Approve: set the Community Group's Status to Approved (the requester becomes its admin);"
                + " or Declined, with a Decline Reason the member will read.");
        return List.of(new Command("crm", "upsertSObject", "Community_Group__c/group-request-" + requestId, group),
                new Command("crm", "upsertSObject", "Task/group-request-" + requestId, task));
    }

    private static Command membership(String contact, String group, String source, String joinedAt, String requestId) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("Contact__c", contact);
        fields.put("Group_Name__c", group);
        fields.put("Source__c", source);
        // a member who left and joins again is a member again
        fields.put("Status__c", "Active");
        fields.put("Left_Via__c", null);
        fields.put("Left_At__c", null);
        if (joinedAt != null && !joinedAt.isBlank()) {
            try {
                fields.put("Joined_At__c", java.time.Instant.parse(joinedAt).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
            } catch (java.time.format.DateTimeParseException e) {
                // not a time the CRM would take: the membership is recorded without it
            }
        }
        if (requestId != null) {
            fields.put("Community_Request_Id__c", requestId);
        }
        return new Command("crm", "upsertSObject", "Group_Membership__c/" + membershipKey(contact, group), fields);
    }

    /**
     * The member left the group on the community: the CRM's membership ended (Status__c Left, when,
     * and that it was on the community, so the change is not sent back there). An upsert by the same
     * key as the join: a repeat changes nothing more.
     */
    private static Command left(String contact, String group, String leftAt) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("Contact__c", contact);
        fields.put("Group_Name__c", group);
        fields.put("Status__c", "Left");
        fields.put("Left_Via__c", VIA_COMMUNITY);
        if (leftAt != null && !leftAt.isBlank()) {
            try {
                fields.put("Left_At__c", java.time.Instant.parse(leftAt).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
            } catch (java.time.format.DateTimeParseException e) {
                // not a time the CRM would take: the end is recorded without it
            }
        }
        return new Command("crm", "upsertSObject", "Group_Membership__c/" + membershipKey(contact, group), fields);
    }

    /** One membership per member and group, however often it is recorded. */
    static String membershipKey(String contact, String group) {
        return "gm-" + contact + "-" + group;
    }

    // ---- CRM to community -------------------------------------------------------------------

    /** A group staff approved or declined, or a membership staff added: read it and tell the community. */
    public boolean touchesGroups(CrmChange change) {
        if (change == null || change.fields() == null || change.recordId() == null) {
            return false;
        }
        var fields = change.fields();
        if ("Community_Group__c".equals(change.entityName())) {
            var status = fields.get("Status__c");
            return "Approved".equals(status) || "Declined".equals(status);
        }
        if (!"Group_Membership__c".equals(change.entityName())) {
            return false;
        }
        if ("UPDATE".equals(change.changeType()) && "Left".equals(fields.get("Status__c"))) {
            // staff ended it in the CRM (the bus's own record of a leave on the community says so)
            return !VIA_COMMUNITY.equals(fields.get("Left_Via__c"));
        }
        return "CREATE".equals(change.changeType())
                && !"Community".equals(fields.get("Source__c")) && !"Left".equals(fields.get("Status__c"));
    }

    /** SOQL for the changed record as it is now, with the community account of the member it names. */
    public String stateQuery(CrmChange change) {
        var id = change.recordId();
        if (!RECORD_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a record id");
        }
        if ("Community_Group__c".equals(change.entityName())) {
            return "SELECT Id, Name, Community_Name__c, Description__c, Status__c, Decline_Reason__c, Join_Policy__c,"
                    + " Community_Request_Id__c, Admin__c, Admin__r.Community_Id__c FROM Community_Group__c WHERE Id = '"
                    + id + "'";
        }
        return "SELECT Id, Group_Name__c, Status__c, Source__c, Left_Via__c, Contact__c, Contact__r.Community_Id__c"
                + " FROM Group_Membership__c WHERE Id = '" + id + "'";
    }

    /** The community writes (and the admin's CRM membership) that make both sides agree. */
    public List<Command> toCommunity(Map<?, ?> stateQuery) {
        if (stateQuery == null || !(stateQuery.get("records") instanceof List<?> records) || records.isEmpty()
                || !(records.get(0) instanceof Map<?, ?> record)) {
            return List.of();
        }
        return record.containsKey("Community_Name__c") ? groupToCommunity(record) : membershipToCommunity(record);
    }

    private List<Command> groupToCommunity(Map<?, ?> group) {
        var name = text(group.get("Community_Name__c"));
        var requestId = text(group.get("Community_Request_Id__c"));
        var commands = new ArrayList<Command>();
        if ("Declined".equals(group.get("Status__c"))) {
            if (requestId != null) {
                var answer = new LinkedHashMap<String, Object>();
                answer.put("status", "Declined");
                var reason = text(group.get("Decline_Reason__c"));
                answer.put("responseMessage", reason == null ? "Declined by the association's staff" : truncate(reason, 756));
                commands.add(new Command("community", "PATCH", "/api/v1/group-requests/" + requestId, answer));
            }
            return commands;
        }
        if (!"Approved".equals(group.get("Status__c")) || name == null || !GROUP_NAME.matcher(name).matches()) {
            return commands;
        }
        var admin = text(group.get("Admin__c"));
        var adminAccount = group.get("Admin__r") instanceof Map<?, ?> r ? text(r.get("Community_Id__c")) : null;
        var definition = new LinkedHashMap<String, Object>();
        definition.put("title", text(group.get("Name")));
        definition.put("description", text(group.get("Description__c")));
        definition.put("joinPolicy", group.get("Join_Policy__c") == null ? "request" : text(group.get("Join_Policy__c")));
        definition.put("admin", adminAccount);
        definition.put("crmGroupId", text(group.get("Id")));
        commands.add(new Command("community", "PUT", "/api/v1/groups/" + name, definition));
        if (requestId != null) {
            commands.add(new Command("community", "PATCH", "/api/v1/group-requests/" + requestId, Map.of("status", "Approved")));
        }
        if (admin != null && CONTACT_ID.matcher(admin).matches()) {
            var fields = new LinkedHashMap<String, Object>();
            fields.put("Contact__c", admin);
            fields.put("Group_Name__c", name);
            fields.put("Community_Group__c", text(group.get("Id")));
            fields.put("Role__c", "Admin");
            // the PUT above made the admin a member on the community already: not sent back there
            fields.put("Source__c", "Community");
            commands.add(new Command("crm", "upsertSObject", "Group_Membership__c/" + membershipKey(admin, name), fields));
        }
        return commands;
    }

    private List<Command> membershipToCommunity(Map<?, ?> membership) {
        var group = text(membership.get("Group_Name__c"));
        var account = membership.get("Contact__r") instanceof Map<?, ?> r ? text(r.get("Community_Id__c")) : null;
        if (group == null || account == null || !GROUP_NAME.matcher(group).matches()) {
            return List.of();
        }
        if ("Left".equals(membership.get("Status__c")) && !VIA_COMMUNITY.equals(membership.get("Left_Via__c"))) {
            // staff removed the member in the CRM: off the group on the community too
            return List.of(new Command("community", "DELETE", "/api/v1/groups/" + group + "/members/" + account, Map.of()));
        }
        if (!"Active".equals(membership.get("Status__c"))) {
            return List.of();
        }
        return List.of(new Command("community", "POST", "/api/v1/groups/" + group + "/members", Map.of("accountId", account)));
    }

    /** The member a command is about, for its message group: the admin or member the record names, else the record. */
    public String memberOf(Map<?, ?> stateQuery, String recordId) {
        if (stateQuery != null && stateQuery.get("records") instanceof List<?> records && !records.isEmpty()
                && records.get(0) instanceof Map<?, ?> record) {
            var member = text(record.get("Admin__c")) != null ? text(record.get("Admin__c")) : text(record.get("Contact__c"));
            if (member != null) {
                return member;
            }
        }
        return recordId;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static String truncate(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
