package org.memberbus.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Whether a campaign already ran for a member at the marketing automation, read from its lead
 * activity log (Marketo's Get Lead Activities), for a command whose key was left 'sending': the bus
 * died after Marketo ran the campaign but before the key was marked 'sent', or the last call failed.
 *
 * <p>The check: the lead (by CRM contact id, as the trigger addresses it), a paging token for the
 * moment the key went 'sending', then pages of activities of type 47 "Request Campaign" (primary
 * attribute: the campaign) for that lead, until one names the command's campaign or none remain.
 * Each page goes through 300 activities of all types, so an empty page with {@code moreResult}
 * means read on. Each answer sets the exchange property {@code marketoReply}: {@value #PAGING} /
 * {@value #PAGE} (read on), {@value #RAN_BEFORE} (found: do not trigger), {@value #CHECKED} (not
 * found: trigger) or {@value MarketoReplies#REAUTHENTICATE}; Marketo's other errors are thrown as
 * {@link MarketoReplies} reads them. The same campaign requested for the same member by another
 * command since then would also count as this one's run: campaigns are per business event, so two
 * of one kind for one member within the same crash window are taken as one.
 */
@Component("campaignRuns")
public class CampaignRuns {

    /** Marketo's activity type "Request Campaign" (a campaign requested through the API). */
    static final int REQUEST_CAMPAIGN = 47;
    public static final String PAGING = "paging";
    public static final String PAGE = "page";
    public static final String RAN_BEFORE = "ranBefore";
    public static final String CHECKED = "checked";

    private final MarketoReplies replies;
    private final ObjectMapper json;

    CampaignRuns(MarketoReplies replies, ObjectMapper json) {
        this.replies = replies;
        this.json = json;
    }

    /** The query of Get Leads by Filter Type: by CRM contact id, else by email. */
    public String leadQuery(Exchange exchange) {
        String crmContactId = exchange.getProperty("crmContactId", String.class);
        String email = exchange.getProperty("email", String.class);
        return crmContactId != null && !crmContactId.isBlank()
                ? "filterType=crmContactId&filterValues=" + encode(crmContactId)
                : "filterType=email&filterValues=" + encode(email == null ? "" : email);
    }

    /** The lead's Marketo id ({@code leadId}); no lead means the campaign cannot have run for it. */
    public void readLead(Exchange exchange) {
        JsonNode answer = accepted(exchange);
        if (answer == null) {
            return;
        }
        JsonNode lead = answer.path("result").path(0);
        if (!lead.has("id")) {
            exchange.setProperty("marketoReply", CHECKED);
            return;
        }
        exchange.setProperty("leadId", lead.path("id").asLong());
        exchange.setProperty("marketoReply", PAGING);
    }

    /** The paging token's query: from the second the key went 'sending' (Marketo dates activities to the second). */
    public String pagingTokenQuery(Exchange exchange) {
        Instant since = exchange.getProperty("sendingSince", Instant.class);
        return "sinceDatetime=" + encode(since.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    public void readPagingToken(Exchange exchange) {
        JsonNode answer = accepted(exchange);
        if (answer != null) {
            exchange.setProperty("nextPageToken", answer.path("nextPageToken").asText());
            exchange.setProperty("marketoReply", PAGE);
        }
    }

    public String activitiesQuery(Exchange exchange) {
        return "nextPageToken=" + encode(exchange.getProperty("nextPageToken", String.class))
                + "&activityTypeIds=" + REQUEST_CAMPAIGN + "&leadIds=" + exchange.getProperty("leadId", Long.class);
    }

    /** One page of activities: the campaign found, another page to read, or none left. */
    public void readActivities(Exchange exchange) {
        JsonNode answer = accepted(exchange);
        if (answer == null) {
            return;
        }
        String campaign = exchange.getProperty("campaign", String.class);
        long leadId = exchange.getProperty("leadId", Long.class);
        for (JsonNode activity : answer.path("result")) {
            if (activity.path("activityTypeId").asInt() == REQUEST_CAMPAIGN && activity.path("leadId").asLong() == leadId
                    && campaign.equals(activity.path("primaryAttributeValue").asText())) {
                exchange.setProperty("marketoReply", RAN_BEFORE);
                return;
            }
        }
        String next = answer.path("nextPageToken").asText("");
        if (answer.path("moreResult").asBoolean(false) && !next.isBlank()) {
            exchange.setProperty("nextPageToken", next);
            exchange.setProperty("marketoReply", PAGE);
        } else {
            exchange.setProperty("marketoReply", CHECKED);
        }
    }

    /** The answer when Marketo accepted the call; null (and {@code marketoReply} set) when it asks to log in again. */
    private JsonNode accepted(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        String reply = replies.reply(body, exchange.getProperty("marketoFreshToken", Boolean.class));
        if (!MarketoReplies.ACCEPTED.equals(reply)) {
            exchange.setProperty("marketoReply", reply);
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new PartnerSlowDownException("marketing answered something that is not Marketo's JSON", null);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
