package org.memberbus.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.memberbus.crm.CrmChange;
import org.memberbus.member.MemberCommands.Command;
import org.springframework.stereotype.Component;

/**
 * Suspensions both ways (issue 12, "Suspend User (CRM) → Sync Suspension"): a community
 * moderator's ban becomes a suspension on the CRM Contact (with its reason and end date, source
 * "Community Moderator"), and every moderation action (warning, removal, ban, unban) is kept in
 * the member's CRM history as a Task; a suspension set by staff in the CRM restricts the member's
 * community account, and its end (the flag cleared) lifts it. Computes the commands only; the
 * routes in routes/access-suspensions.camel.yaml send them.
 */
@Component("suspensions")
public class Suspensions {

    static final String MODERATOR = "Community Moderator";
    static final Set<String> SUSPENSION_FIELDS = Set.of("Community_Suspended__c", "Suspended_Until__c",
            "Suspension_Reason__c", "Suspension_Source__c");
    static final Set<String> MODERATION_TYPES = Set.of("moderation.warning", "moderation.removal", "moderation.ban",
            "moderation.unban");

    private final ObjectMapper json;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    Suspensions(ObjectMapper json) {
        this(json, Clock.systemUTC());
    }

    Suspensions(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    // ---- community to CRM -------------------------------------------------------------------

    /** True for the community's moderation webhooks. */
    public boolean isModeration(String eventType) {
        return eventType != null && MODERATION_TYPES.contains(eventType);
    }

    /**
     * The CRM writes for one moderation event: the Task for the member's history (upserted by a key
     * made of the event id, so the event consumed twice adds one Task), and for a ban or an unban
     * the Contact's suspension fields. Empty for a person the CRM does not know yet.
     */
    public List<Command> fromModeration(String event) throws IOException {
        JsonNode root = json.readTree(event);
        var contact = root.path("account").path("crmContactId").asText(null);
        if (contact == null || contact.isBlank()) {
            return List.of();
        }
        var type = root.path("type").asText();
        var data = root.path("data");
        var action = type.substring("moderation.".length());
        var reason = data.path("reason").asText(null);
        var until = data.path("until").asText(null);
        var task = new LinkedHashMap<String, Object>();
        task.put("WhoId", contact);
        task.put("Subject", "Community moderation: " + action);
        task.put("Status", "Completed");
        task.put("Priority", action.equals("ban") ? "High" : "Normal");
        task.put("ActivityDate", root.path("created").asText("").length() >= 10
                ? root.path("created").asText().substring(0, 10) : LocalDate.now(clock).toString());
        var description = new StringBuilder(action);
        if (reason != null) {
            description.append(": ").append(reason);
        }
        if (until != null) {
            description.append(" (until ").append(until).append(')');
        }
        if (data.hasNonNull("postId")) {
            description.append(", post ").append(data.path("postId").asText());
        }
        task.put("Description", description.toString());
        var taskCommand = new Command("crm", "upsertSObject", "Task/moderation-" + root.path("id").asText(), task);
        if (action.equals("ban")) {
            var fields = new LinkedHashMap<String, Object>();
            fields.put("Community_Suspended__c", true);
            fields.put("Suspended_Until__c", until);
            fields.put("Suspension_Reason__c", reason == null ? "Banned by a community moderator" : truncate(reason));
            fields.put("Suspension_Source__c", MODERATOR);
            return List.of(new Command("crm", "updateSObject", "Contact/" + contact, fields), taskCommand);
        }
        if (action.equals("unban")) {
            var fields = new LinkedHashMap<String, Object>();
            fields.put("Community_Suspended__c", false);
            fields.put("Suspended_Until__c", null);
            fields.put("Suspension_Source__c", MODERATOR);
            return List.of(new Command("crm", "updateSObject", "Contact/" + contact, fields), taskCommand);
        }
        return List.of(taskCommand);
    }

    // ---- CRM to community -------------------------------------------------------------------

    /** True for a CRM change of a Contact's suspension fields (read the Contact's state then). */
    public boolean touchesSuspension(CrmChange change) {
        return change != null && "Contact".equals(change.entityName()) && change.fields() != null
                && change.fields().keySet().stream().anyMatch(SUSPENSION_FIELDS::contains);
    }

    /** SOQL for the Contact's suspension as it is now, and its community account. */
    public String stateQuery(String contactId) {
        if (contactId == null || !contactId.matches("003[A-Za-z0-9]{12}([A-Za-z0-9]{3})?")) {
            throw new IllegalArgumentException("not a contact id");
        }
        return "SELECT Id, Community_Id__c, Community_Suspended__c, Suspended_Until__c, Suspension_Reason__c,"
                + " Suspension_Source__c FROM Contact WHERE Id = '" + contactId + "'";
    }

    /**
     * The community write that makes the account agree with the CRM: suspended (reason and end
     * date) while the flag is set and its end date not passed, lifted otherwise. A suspension the
     * community's moderators made is already there and is not written back. Empty for a contact
     * without a community account.
     */
    public List<Command> toCommunity(Map<?, ?> stateQuery) {
        if (stateQuery == null || !(stateQuery.get("records") instanceof List<?> records) || records.isEmpty()
                || !(records.get(0) instanceof Map<?, ?> contact)) {
            return List.of();
        }
        var account = contact.get("Community_Id__c");
        if (account == null || account.toString().isBlank()) {
            return List.of();
        }
        var path = "/api/v1/accounts/" + account + "/suspension";
        var view = MemberView.ofContact(contact, Map.of());
        if (view.suspendedOn(LocalDate.now(clock))) {
            if (MODERATOR.equals(contact.get("Suspension_Source__c"))) {
                return List.of();
            }
            var body = new LinkedHashMap<String, Object>();
            var reason = contact.get("Suspension_Reason__c");
            body.put("reason", reason == null || reason.toString().isBlank() ? "Suspended by staff" : reason.toString());
            var until = view.suspendedUntil();
            body.put("until", until == null ? null : until.toString());
            return List.of(new Command("community", "POST", path, body));
        }
        return List.of(new Command("community", "DELETE", path, Map.of()));
    }

    private static String truncate(String text) {
        return text.length() > 255 ? text.substring(0, 255) : text;
    }
}
