package org.memberbus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Looks at (and acts on) the simulated partner systems through their own APIs, the way a person
 * checks what Salesforce, the community or the marketing system ends up holding.
 */
public final class PartnerProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String salesforce;
    private final String community;
    private final String marketing;
    private String salesforceToken;
    private String salesforceInstance;

    public PartnerProbe(String salesforce, String community, String marketing) {
        this.salesforce = salesforce;
        this.community = community;
        this.marketing = marketing;
    }

    // --- Salesforce, as staff in the CRM ---

    public JsonNode soql(String query) {
        return sf("GET", "/services/data/v56.0/query?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), null);
    }

    public JsonNode contact(String id) {
        return sf("GET", "/services/data/v56.0/sobjects/Contact/" + id, null);
    }

    /** A change made by staff in Salesforce (published as a change event like any other). */
    public void updateSObject(String type, String id, String json) {
        var response = sfResponse("PATCH", "/services/data/v56.0/sobjects/" + type + "/" + id, json);
        if (response.statusCode() / 100 != 2) { // an edit that did not happen must not pass for one
            throw new IllegalStateException("Salesforce refused the update of " + type + " " + id + ": "
                    + response.statusCode() + " " + response.body());
        }
    }

    /** Switches the org's injected faults and knobs (see the simulator's /__sandbox/faults); null clears them. */
    public void salesforceFaults(String json) {
        send(HttpRequest.newBuilder(URI.create(salesforce + "/__sandbox/faults"))
                .header("Content-Type", "application/json")
                .method(json == null ? "DELETE" : "POST",
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A record created by staff in Salesforce; answers its id. */
    public String createSObject(String type, String json) {
        return sf("POST", "/services/data/v56.0/sobjects/" + type, json).path("id").asText();
    }

    /** A record deleted by staff in Salesforce (to the recycle bin; a DELETE change event). */
    public void deleteSObject(String type, String id) {
        sf("DELETE", "/services/data/v56.0/sobjects/" + type + "/" + id, null);
    }

    /** POSTs to the Salesforce simulator's own controls ({@code /__sandbox/undelete/{id}}, {@code merge}, {@code gap-events}). */
    public JsonNode salesforceSandbox(String path, String json) {
        return read(send(HttpRequest.newBuilder(URI.create(salesforce + "/__sandbox/" + path))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))));
    }

    /** GETs one of the Salesforce simulator's own views ({@code /__sandbox/bulk-query-jobs}, {@code api-calls}). */
    public JsonNode salesforceSandboxView(String path) {
        return read(send(HttpRequest.newBuilder(URI.create(salesforce + "/__sandbox/" + path)).GET()));
    }

    /** The replay id of the org's latest change event. */
    public long salesforceLastReplayId() {
        return read(send(HttpRequest.newBuilder(URI.create(salesforce + "/__sandbox/change-events")).GET()))
                .path("lastReplayId").asLong();
    }

    public long salesforceApiCalls() {
        return read(send(HttpRequest.newBuilder(URI.create(salesforce + "/__sandbox/api-calls")).GET())).path("total").asLong();
    }

    private JsonNode sf(String method, String path, String body) {
        var response = sfResponse(method, path, body);
        return response.body().isEmpty() ? JSON.createObjectNode() : read(response);
    }

    private synchronized HttpResponse<String> sfResponse(String method, String path, String body) {
        if (salesforceToken == null) {
            var form = "grant_type=password&client_id=memberbus-sandbox&client_secret=sandbox-secret"
                    + "&username=integration%40memberbus.sandbox&password=sandbox";
            var token = read(send(HttpRequest.newBuilder(URI.create(salesforce + "/services/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))));
            salesforceToken = token.path("access_token").asText();
            salesforceInstance = token.path("instance_url").asText();
        }
        var request = HttpRequest.newBuilder(URI.create(salesforceInstance + path))
                .header("Authorization", "Bearer " + salesforceToken)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        var response = send(request);
        if (response.statusCode() == 401) {
            salesforceToken = null;
            return sfResponse(method, path, body);
        }
        return response;
    }

    // --- community platform ---

    public JsonNode communityAccount(String id) {
        return read(send(HttpRequest.newBuilder(URI.create(community + "/api/v1/accounts/" + id))
                .header("X-Api-Key", "community-sandbox-key").GET()));
    }

    /** An edit made on the community around the bus (through its API, which sends no webhook). */
    public JsonNode communityPatch(String accountId, String json) {
        return read(send(HttpRequest.newBuilder(URI.create(community + "/api/v1/accounts/" + accountId))
                .header("X-Api-Key", "community-sandbox-key").header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))));
    }

    /** What a member does in the portal (a profile edit, a post, ...): the platform sends its webhook. */
    public JsonNode communityActivity(String accountId, String type, String dataJson) {
        return read(send(HttpRequest.newBuilder(URI.create(community + "/api/v1/activity"))
                .header("X-Api-Key", "community-sandbox-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"" + type + "\",\"accountId\":\"" + accountId
                        + "\",\"data\":" + dataJson + "}"))));
    }

    /** Whether the platform's webhook for one of its events was accepted by the receiver. */
    public boolean communityWebhookDelivered(String eventId) {
        var deliveries = read(send(HttpRequest.newBuilder(URI.create(community + "/api/v1/webhook-deliveries?eventId="
                + eventId)).header("X-Api-Key", "community-sandbox-key").GET())).path("data");
        return deliveries.size() > 0 && deliveries.get(0).path("state").asText().equals("DELIVERED");
    }

    /** A person applies for membership on the portal (JSON form): a pending account and the application webhook. */
    public JsonNode communityApplication(String formJson) {
        return read(send(HttpRequest.newBuilder(URI.create(community + "/api/v1/applications"))
                .header("X-Api-Key", "community-sandbox-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formJson))));
    }

    /** An account made through the community's integration API (no webhook). */
    public JsonNode communityCreateAccount(String json) {
        return read(send(HttpRequest.newBuilder(URI.create(community + "/api/v1/accounts"))
                .header("X-Api-Key", "community-sandbox-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))));
    }

    public void communityFaults(String json) {
        send(HttpRequest.newBuilder(URI.create(community + "/__sandbox/faults"))
                .header("Content-Type", "application/json")
                .method(json == null ? "DELETE" : "POST",
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    // --- marketing automation ---

    public JsonNode campaignsTriggered(String crmContactId) {
        var token = read(send(HttpRequest.newBuilder(URI.create(marketing
                + "/identity/oauth/token?grant_type=client_credentials&client_id=memberbus-sandbox&client_secret=sandbox-secret"))
                .GET())).path("access_token").asText();
        return read(send(HttpRequest.newBuilder(URI.create(marketing + "/rest/v1/campaigns/triggered?crmContactId=" + crmContactId))
                .header("Authorization", "Bearer " + token).GET())).path("result");
    }

    /** Every run of one campaign, whoever it was for. */
    public JsonNode campaignRuns(String campaign) {
        var token = read(send(HttpRequest.newBuilder(URI.create(marketing
                + "/identity/oauth/token?grant_type=client_credentials&client_id=memberbus-sandbox&client_secret=sandbox-secret"))
                .GET())).path("access_token").asText();
        return read(send(HttpRequest.newBuilder(URI.create(marketing + "/rest/v1/campaigns/triggered?campaign="
                        + URLEncoder.encode(campaign, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).GET())).path("result");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
