package org.memberbus.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * Effects exactly once at every partner, and retries that end: counted in what the partners hold,
 * through their own read APIs.
 */
@SandboxTest
class PartnerEffectsTest {

    @Value("${sandbox.artemis.port}") int artemisPort;
    @Value("${memberbus.salesforce.login-url}") String salesforce;
    @Value("${memberbus.community.url}") String community;
    @Value("${memberbus.marketing.url}") String marketing;
    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired CamelContext camel;
    @Autowired ProducerTemplate producer;
    final ObjectMapper json = new ObjectMapper();

    PartnerProbe partners() {
        return new PartnerProbe(salesforce, community, marketing);
    }

    JmsTemplate jms() {
        return new JmsTemplate(new ActiveMQConnectionFactory("tcp://localhost:" + artemisPort));
    }

    @AfterEach
    void clearFaults() {
        partners().communityFaults(null);
    }

    /** Sends what is in the health outbox, then again as after a crash between sending and marking it sent. */
    private void sendOutboxTwice(String key, String route) {
        var first = new NotifyBuilder(camel).fromRoute(route).filter(e -> carries(e, key)).whenDone(1).create();
        producer.sendBody("direct:health-send-outbox-all", null);
        assertThat(first.matches(30, TimeUnit.SECONDS)).as("first send of " + key).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from health_outbox where idempotency_key = ? and sent_at is not null",
                Integer.class, key)).isEqualTo(1);

        // the crash: sent, but not marked sent (its claim ran out), so the outbox sends it again
        jdbc.update("update health_outbox set sent_at = null, claimed_until = null where idempotency_key = ?", key);
        var second = new NotifyBuilder(camel).fromRoute(route).filter(e -> carries(e, key)).whenDone(1).create();
        producer.sendBody("direct:health-send-outbox-all", null);
        assertThat(second.matches(30, TimeUnit.SECONDS)).as("resend of " + key).isTrue();
    }

    @Test
    void aCrmTaskResentByTheHealthOutboxIsOneTaskInSalesforce() {
        String member = "003DM0000000041AAA";
        String key = "at-risk-task:" + member + ":" + UUID.randomUUID();
        jdbc.update("insert into health_outbox (idempotency_key, member_id, kind, payload) values (?, ?, 'task', ?)", key, member,
                "{\"WhoId\":\"" + member + "\",\"Subject\":\"Call: member at risk\",\"Priority\":\"High\",\"Status\":\"Not Started\"}");

        sendOutboxTwice(key, "crm-sink");

        JsonNode tasks = partners().soql("SELECT Id, Subject, Bus_Key__c FROM Task WHERE Bus_Key__c = '" + key + "'");
        assertThat(tasks.path("totalSize").asInt()).as("one Task per trigger, however often it is sent").isEqualTo(1);
        assertThat(tasks.path("records").get(0).path("Subject").asText()).isEqualTo("Call: member at risk");
    }

    @Test
    void aCampaignResentByTheHealthOutboxIsTriggeredOnceAtTheMarketingSystem() {
        String member = "003DM0000000042AAA";
        String key = "retention:" + member + ":" + UUID.randomUUID();
        jdbc.update("insert into health_outbox (idempotency_key, member_id, kind, payload) values (?, ?, 'campaign', ?)", key,
                member, "{\"campaign\":\"retention\",\"crmContactId\":\"" + member + "\",\"tokens\":{\"healthBand\":\"at_risk\"}}");

        sendOutboxTwice(key, "marketing-sink");

        assertThat(runs(member, key)).as("one campaign run per key, though the marketing system does not de-duplicate")
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from partner_effect where partner = 'marketing' and idempotency_key = ?",
                String.class, key)).isEqualTo("sent");
    }

    @Test
    void aKeyLeftSendingByACrashIsSentAgainAndASentOneIsNot() {
        String member = "003DM0000000043AAA";
        String sending = "welcome:" + member + ":" + UUID.randomUUID();
        jdbc.update("insert into partner_effect (partner, idempotency_key, status) values ('marketing', ?, 'sending')", sending);
        String sent = "welcome:" + member + ":" + UUID.randomUUID();
        jdbc.update("insert into partner_effect (partner, idempotency_key, status, sent_at) values ('marketing', ?, 'sent', now())",
                sent);
        var done = new NotifyBuilder(camel).fromRoute("marketing-sink")
                .filter(e -> carries(e, sending) || carries(e, sent))
                .whenDone(2).create();
        trigger(member, sending);
        trigger(member, sent);
        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();

        assertThat(runs(member, sending)).as("not known to have reached the partner: sent (not lost)").isEqualTo(1);
        assertThat(runs(member, sent)).as("known to be sent: not sent twice").isZero();
    }

    @Test
    void aMarketingRateLimitAnsweredWith606IsRetriedUntilItSucceeds() {
        String member = "003DM0000000044AAA";
        String key = "welcome:" + member + ":" + UUID.randomUUID();
        marketingFaults("{\"rateLimitNext\":1}");
        trigger(member, key);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(runs(member, key)).isEqualTo(1));
        assertThat(jdbc.queryForObject("select attempts from partner_effect where partner = 'marketing' and idempotency_key = ?",
                Integer.class, key)).as("606 first (Marketo ran nothing, so the key was forgotten), then accepted as a first try")
                .isEqualTo(1);
    }

    @Test
    void a606IsASlowDownToTheSinkSoPastTheHorizonItIsDeadLetteredWithMarketosReason() {
        String member = "003DM0000000047AAA";
        String key = "welcome:" + member + ":" + UUID.randomUUID();
        marketingFaults("{\"rateLimitNext\":1}");
        jms().convertAndSend("marketing.trigger", "{\"campaign\":\"welcome\",\"crmContactId\":\"" + member + "\"}", m -> {
            m.setStringProperty("requestId", key);
            m.setStringProperty("JMSXGroupID", member);
            m.setLongProperty("memberbusFirstAttemptAt", System.currentTimeMillis() - Duration.ofHours(24).toMillis());
            return m;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select error from dead_letter where route_id = 'marketing-sink' and headers like ?", String.class,
                "%" + key + "%")).singleElement().asString().contains("RetryHorizonExceeded", "606"));
        assertThat(runs(member, key)).isZero();
    }

    @Test
    void aPartnerDownPastTheRetryHorizonEndsInTheDeadLetterStoreWithTheReason() throws Exception {
        partners().communityFaults("{\"down\":true}");
        String marker = UUID.randomUUID().toString();
        // a command first tried almost 24 h ago (the horizon): another try or two, then it is given up on
        long firstAttempt = System.currentTimeMillis() - Duration.ofHours(24).toMillis() + 5_000;
        jms().convertAndSend("community.write", "{\"accessLevel\":\"RESTRICTED\",\"note\":\"" + marker + "\"}", m -> {
            m.setStringProperty("httpMethod", "PUT");
            m.setStringProperty("httpPath", "/api/v1/accounts/cm_000045/access");
            m.setStringProperty("JMSXGroupID", "003DM0000000045AAA");
            m.setLongProperty("memberbusFirstAttemptAt", firstAttempt);
            return m;
        });

        var bus = new BusClient(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                json.readTree(bus.get("/api/v1/dead-letters", BusClient.OPS).body()).findValues("body").stream()
                        .map(JsonNode::asText).filter(b -> b.contains(marker)).count()).isEqualTo(1));
        var dead = jdbc.queryForMap("select route_id, endpoint, message_key, headers, error from dead_letter where body like ?",
                "%" + marker + "%");
        assertThat(dead.get("route_id")).isEqualTo("community-sink");
        assertThat(dead.get("endpoint")).isEqualTo("jms:queue:community.write");
        assertThat(dead.get("message_key")).isEqualTo("003DM0000000045AAA");
        assertThat((String) dead.get("error")).contains("RetryHorizonExceeded", "PT24H", "HTTP 503");
        assertThat((String) dead.get("headers")).contains("/api/v1/accounts/cm_000045/access")
                .doesNotContain("memberbusFirstAttemptAt");
    }

    @Test
    void aCommandHeldBackBySlowDownDoesNotOverwriteTheMembersLaterOne() {
        String member = "003DM0000000046AAA";
        String path = "/api/v1/accounts/cm_000046/access";
        // the community says "slow down" (429, Retry-After: 1) to the first command only: to its first
        // try and to the HTTP client's own retry of it, so the sink reschedules it
        partners().communityFaults("{\"rateLimitNext\":2}");
        sendAccess(member, path, "RESTRICTED");
        sendAccess(member, path, "PREMIUM");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList("""
                select field from sync_decision where record_id = ? and rule = 'command-order' and decision = 'stale'""",
                String.class, member)).contains("accessLevel"));
        assertThat(partners().communityAccount("cm_000046").path("accessLevel").asText())
                .as("the later command's value stands").isEqualTo("PREMIUM");
        var bus = new BusClient(port);
        assertThat(bus.get("/api/v1/sync/decisions?member=" + member + "&decision=stale", BusClient.OPS).body())
                .contains("command-order");
    }

    /** Whether an exchange of a sink is about this key (the marketing sink keeps it as a property once under way). */
    private static boolean carries(org.apache.camel.Exchange e, String key) {
        return key.equals(e.getMessage().getHeader("requestId")) || key.equals(e.getProperty("requestId"))
                || String.valueOf(e.getMessage().getHeader("httpPath")).endsWith(key);
    }

    private void sendAccess(String member, String path, String level) {
        jms().convertAndSend("community.write", "{\"accessLevel\":\"" + level + "\"}", m -> {
            m.setStringProperty("httpMethod", "PUT");
            m.setStringProperty("httpPath", path);
            m.setStringProperty("JMSXGroupID", member);
            return m;
        });
    }

    private void trigger(String member, String key) {
        jms().convertAndSend("marketing.trigger", "{\"campaign\":\"welcome\",\"crmContactId\":\"" + member + "\",\"tokens\":{}}",
                m -> {
                    m.setStringProperty("requestId", key);
                    m.setStringProperty("JMSXGroupID", member);
                    return m;
                });
    }

    private void marketingFaults(String body) {
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(marketing + "/__sandbox/faults"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long runs(String member, String key) {
        long n = 0;
        for (JsonNode run : partners().campaignsTriggered(member)) {
            if (key.equals(run.path("requestId").asText())) {
                n++;
            }
        }
        return n;
    }
}
