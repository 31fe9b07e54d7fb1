package org.memberbus.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.cometd.bayeux.server.ServerSession;
import org.cometd.server.BayeuxServerImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memberbus.sandbox.SimulatorHost;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Change Data Capture through camel-salesforce's streaming consumer: events of REST changes,
 * replay from an older replay id, and re-authentication when the session expires.
 */
class SalesforceStreamingTest {

    private static SimulatorHost host;
    private static SalesforceSandboxClient sandbox;
    private CamelContext consumer;

    @BeforeAll
    static void start() {
        var env = new StandardEnvironment();
        // a short long-poll, so a client notices an expired session within a second
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "sandbox.salesforce.streaming-timeout", "1s", "sandbox.salesforce.seed-demo-data", "false")));
        host = SimulatorHost.start("salesforce", 0, env, SalesforceSimulator.class);
        sandbox = new SalesforceSandboxClient(host.port());
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @AfterEach
    void stopConsumer() {
        sandbox.clearFaults();
        if (consumer != null) {
            consumer.stop();
        }
    }

    /**
     * A Camel context consuming {@code channel} from {@code replayId} into {@code received}.
     * camel-salesforce keeps replay ids in one map for the whole JVM and sets a channel's
     * starting id only once, so each test subscribes to channels of its own.
     */
    private static CamelContext subscribe(String channel, long replayId, LinkedBlockingQueue<Exchange> received)
            throws Exception {
        var context = SalesforceSandboxClient.camel(host.port());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("salesforce:subscribe:" + channel + "?rawPayload=true&replayId=" + replayId)
                        .process(received::add);
            }
        });
        context.start();
        return context;
    }

    private String createContact(String token, String memberNumber) {
        var created = sandbox.send("POST", "/services/data/v56.0/sobjects/Contact", token,
                Map.of("LastName", "Streamed", "Member_Number__c", memberNumber));
        assertThat(created.status()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    private void updateContact(String token, String id, Map<String, Object> fields) {
        update(token, "Contact", id, fields);
    }

    private void update(String token, String type, String id, Map<String, Object> fields) {
        var response = sandbox.send("PATCH", "/services/data/v56.0/sobjects/" + type + "/" + id, token, fields);
        assertThat(response.status()).isEqualTo(204);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> header(Exchange exchange) {
        var message = SalesforceSandboxClient.read(exchange.getMessage().getBody(String.class),
                new TypeReference<Map<String, Object>>() {});
        var data = (Map<String, Object>) message.get("data");
        return (Map<String, Object>) ((Map<String, Object>) data.get("payload")).get("ChangeEventHeader");
    }

    private static Exchange next(LinkedBlockingQueue<Exchange> received) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !received.isEmpty());
        return received.poll();
    }

    @Test
    void aRestChangeReachesSubscribersAndOlderReplayIdsReplayIt() throws Exception {
        var token = sandbox.login();
        var id = createContact(token, "S000001");
        var received = new LinkedBlockingQueue<Exchange>();
        consumer = subscribe("/data/ContactChangeEvent", sandbox.lastReplayId(), received);

        updateContact(token, id, Map.of("MailingCity", "Boston", "FirstName", "Stream"));
        var event = next(received);
        long replayId = event.getMessage().getHeader("CamelSalesforceReplayId", Long.class);
        assertThat(replayId).isEqualTo(sandbox.lastReplayId());
        assertThat(event.getMessage().getHeader("CamelSalesforceChangeType")).isEqualTo("UPDATE");
        assertThat(event.getMessage().getHeader("CamelSalesforceEntityName")).isEqualTo("Contact");
        var header = header(event);
        assertThat(header).containsEntry("recordIds", List.of(id)).containsEntry("changeType", "UPDATE")
                .containsEntry("commitUser", SalesforceSettings.INTEGRATION_USER_ID);
        assertThat((List<String>) header.get("changedFields"))
                .containsExactlyInAnyOrder("MailingAddress.City", "Name.FirstName", "LastModifiedDate");

        // a second client starting from an older replay id gets the retained event again
        var replayed = new LinkedBlockingQueue<Exchange>();
        var second = subscribe("/data/ChangeEvents", replayId - 1, replayed);
        try {
            var again = next(replayed);
            assertThat(again.getMessage().getHeader("CamelSalesforceReplayId", Long.class)).isEqualTo(replayId);
            assertThat(header(again)).containsEntry("recordIds", List.of(id));
        } finally {
            second.stop();
        }
    }

    @Test
    void anExpiredSessionMakesTheClientHandshakeAgainAndMissNothing() throws Exception {
        var token = sandbox.login();
        var contact = createContact(token, "S000002");
        var created = sandbox.send("POST", "/services/data/v56.0/sobjects/Membership__c", token,
                Map.of("Contact__c", contact, "Status__c", "Pending"));
        var id = (String) created.json().get("id");
        var received = new LinkedBlockingQueue<Exchange>();
        consumer = subscribe("/data/Membership__ChangeEvent", sandbox.lastReplayId(), received);
        update(token, "Membership__c", id, Map.of("Status__c", "Active"));
        var first = next(received);
        assertThat(header(first)).containsEntry("recordIds", List.of(id));
        long firstReplayId = first.getMessage().getHeader("CamelSalesforceReplayId", Long.class);

        var bayeux = host.bean(BayeuxServerImpl.class);
        var before = bayeux.getSessions().stream().map(ServerSession::getId).toList();
        sandbox.faults(Map.of("expireSessions", true));
        token = sandbox.login();
        update(token, "Membership__c", id, Map.of("Status__c", "Lapsed"));

        // the client's next connect is refused; it logs in again, handshakes and subscribes anew
        await().atMost(Duration.ofSeconds(30)).until(() -> bayeux.getSessions().stream()
                .anyMatch(s -> !before.contains(s.getId()) && !s.getSubscriptions().isEmpty()));
        update(token, "Membership__c", id, Map.of("Status__c", "Archived"));

        // camel-salesforce may hand an event over twice (a race of its own when it re-subscribes);
        // like the bus, the test keeps one per replay id
        var byReplayId = new java.util.TreeMap<Long, String>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (Exchange e; (e = received.poll()) != null; ) {
                long replayId = e.getMessage().getHeader("CamelSalesforceReplayId", Long.class);
                if (replayId > firstReplayId) { // (after re-subscribing it may hand the first one over again)
                    byReplayId.put(replayId, e.getMessage().getBody(String.class));
                }
            }
            return byReplayId.size() >= 2;
        });
        assertThat(byReplayId.values()).hasSize(2);
        assertThat(byReplayId.firstEntry().getValue()).contains("\"Status__c\":\"Lapsed\"");
        assertThat(byReplayId.lastEntry().getValue()).contains("\"Status__c\":\"Archived\"");
    }

    /** Bayeux over plain HTTP: Salesforce's errors arrive as Bayeux errors with HTTP 200. */
    @Test
    void bayeuxErrorsAsSalesforceSendsThem() throws Exception {
        var http = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        var cometd = sandbox.base() + "/cometd/56.0";
        java.util.function.BiFunction<String, Object, List<Map<String, Object>>> post = (token, body) -> {
            try {
                var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(cometd))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                SalesforceSandboxClient.JSON.writeValueAsString(body)));
                if (token != null) {
                    request.header("Authorization", "OAuth " + token);
                }
                var response = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                return SalesforceSandboxClient.read(response.body(), new TypeReference<>() {});
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        var handshake = Map.of("channel", "/meta/handshake", "version", "1.0",
                "supportedConnectionTypes", List.of("long-polling"), "ext", Map.of("replay", true));

        var denied = post.apply("not-a-token", List.of(handshake)).get(0);
        assertThat(denied).containsEntry("successful", false).containsEntry("error", "403::Handshake denied");
        assertThat(denied.get("ext")).isEqualTo(Map.of("sfdc", Map.of("failureReason", "401::Authentication invalid")));

        var token = sandbox.login();
        var accepted = post.apply(token, List.of(handshake)).get(0);
        assertThat(accepted).containsEntry("successful", true).containsKey("clientId");
        assertThat((Map<String, Object>) accepted.get("ext")).containsEntry("replay", true);
        var clientId = accepted.get("clientId");

        var tooOld = post.apply(token, List.of(Map.of("channel", "/meta/subscribe", "clientId", clientId,
                "subscription", "/data/ContactChangeEvent", "ext", Map.of("replay",
                        Map.of("/data/ContactChangeEvent", 5))))).get(0);
        assertThat(tooOld).containsEntry("successful", false).containsEntry("subscription", "/data/ContactChangeEvent");
        assertThat((String) tooOld.get("error")).startsWith("400::The replayId {5} you provided was invalid");

        var unknown = post.apply(token, List.of(Map.of("channel", "/meta/subscribe", "clientId", clientId,
                "subscription", "/data/NothingChangeEvent"))).get(0);
        assertThat(unknown).containsEntry("successful", false);
        assertThat((String) unknown.get("error")).startsWith("400::The channel you requested to subscribe to does not exist");

        sandbox.faults(Map.of("expireSessions", true));
        var connect = post.apply(token, List.of(Map.of("channel", "/meta/connect", "clientId", clientId,
                "connectionType", "long-polling"))).get(0);
        assertThat(connect).containsEntry("successful", false).containsEntry("error", "401::Authentication invalid")
                .containsEntry("advice", Map.of("reconnect", "none"));
    }
}
