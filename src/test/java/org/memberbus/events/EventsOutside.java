package org.memberbus.events;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;

/** The events flow as the partners and the community see it from outside: gateway, CRM, community, marketing. */
final class EventsOutside {

    final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final BusClient bus;
    private final PartnerProbe partners;
    private final String communityUrl;
    private final String gatewayUrl;
    private final String gatewayKey;

    EventsOutside(int port, PartnerProbe partners, String communityUrl, String gatewayUrl, String gatewayKey) {
        this.bus = new BusClient(port);
        this.partners = partners;
        this.communityUrl = communityUrl;
        this.gatewayUrl = gatewayUrl;
        this.gatewayKey = gatewayKey;
    }

    BusClient bus() {
        return bus;
    }

    /** The Event_Registration__c the CRM holds for a payment, or null. */
    JsonNode registration(String paymentId) {
        var records = partners.soql("SELECT Id, Status__c, Waitlist_Position__c, Offer_Expires_At__c, Amount__c, "
                + "Checked_In_At__c FROM Event_Registration__c WHERE Registration_Key__c = '" + paymentId + "'").path("records");
        return records.size() == 0 ? null : records.get(0);
    }

    boolean hasPage(String crmEventId) {
        return community("/api/v1/events?crmEventId=" + crmEventId).path("data").size() == 1;
    }

    /** The community's roster of a CRM event: contact id to status (ATTENDED when checked in). */
    Map<String, String> roster(String crmEventId) {
        var page = community("/api/v1/events?crmEventId=" + crmEventId).path("data").get(0);
        var entries = community("/api/v1/events/" + page.path("id").asText() + "/registrations").path("data");
        return StreamSupport.stream(entries.spliterator(), false).collect(Collectors.toMap(
                r -> r.path("crmContactId").asText(),
                r -> r.path("attended").asBoolean() ? "ATTENDED" : r.path("status").asText()));
    }

    List<String> campaigns(String crmContactId) {
        return StreamSupport.stream(partners.campaignsTriggered(crmContactId).spliterator(), false)
                .map(r -> r.path("campaign").asText()).toList();
    }

    JsonNode post(String user, String path, String body, int status) {
        var answer = bus.postAs(user, path, body);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(status);
        return read(answer.body());
    }

    JsonNode get(String user, String path, int status) {
        var answer = bus.get(path, user);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(status);
        return read(answer.body());
    }

    /** A card payment of an event fee at the gateway, as the community's checkout makes it; answers its id. */
    String pay(long cents, String contactId, String eventId) {
        var form = new LinkedHashMap<String, String>();
        form.put("amount", Long.toString(cents));
        form.put("currency", "usd");
        form.put("confirm", "true");
        form.put("payment_method", "pm_card_visa");
        form.put("metadata[purpose]", "event_fee");
        form.put("metadata[crm_contact_id]", contactId);
        form.put("metadata[event_id]", eventId);
        var intent = gateway("POST", "/v1/payment_intents", form);
        assertThat(intent.path("status").asText()).as(intent.toString()).isEqualTo("succeeded");
        return intent.path("id").asText();
    }

    JsonNode gateway(String method, String path, Map<String, String> form) {
        var body = form == null ? "" : form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl + path)).header("Authorization", "Bearer " + gatewayKey)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A member's action on the community (its API, as the member's browser makes it). */
    JsonNode communityPost(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(communityUrl + path)).header("X-Api-Key", "community-sandbox-key")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    JsonNode community(String path) {
        return send(HttpRequest.newBuilder(URI.create(communityUrl + path)).header("X-Api-Key", "community-sandbox-key").GET());
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            return read(http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
