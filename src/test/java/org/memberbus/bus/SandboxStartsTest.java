package org.memberbus.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.KafkaProbe;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The foundation, seen from outside: the bus is up with all its parts, and a webhook crosses it. */
@SandboxTest
class SandboxStartsTest {

    @LocalServerPort int port;
    @Value("${memberbus.kafka.brokers}") String brokers;
    @Value("${sandbox.artemis.broker-name}") String broker;
    @Autowired JdbcTemplate jdbc;
    @Autowired PartnerProbe partners;
    final ObjectMapper json = new ObjectMapper();

    BusClient bus() {
        return new BusClient(port);
    }

    @Test
    void healthIsUpWithPostgresKafkaAndArtemis() throws Exception {
        var response = bus().get("/actuator/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        var health = json.readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/kafka/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/jms/status").asText()).isEqualTo("UP");
    }

    @Test
    void hawtioAndJolokiaShowTheRoutesFromTheRoutesFolder() throws Exception {
        assertThat(bus().get("/actuator/hawtio/", null).statusCode()).isIn(302, 401);
        assertThat(bus().get("/actuator/hawtio/", BusClient.OPS).statusCode()).isEqualTo(200);
        var routes = json.readTree(bus().get("/actuator/jolokia/search/org.apache.camel:type=routes,*", BusClient.OPS).body());
        assertThat(routes.path("value").toString())
                .contains("context=memberbus")
                .contains("community-webhook-source")
                .contains("crm-change-to-member-sync");
        var queues = json.readTree(bus().get(
                "/actuator/jolokia/search/org.apache.activemq.artemis:broker=*,component=addresses,*", BusClient.OPS).body());
        assertThat(queues.path("status").asInt()).isEqualTo(200);
        var metrics = bus().get("/actuator/prometheus", BusClient.OPS);
        assertThat(metrics.body()).contains("camel_exchanges_total").contains("routeId=\"community-webhook-source\"");
    }

    @Test
    void theSameSignedEventPostedTwiceGoesIntoKafkaOnce() throws Exception {
        var eventId = "evt_" + UUID.randomUUID();
        var contact = "003DM0000000042AAA";
        var body = """
                {"id":"%s","type":"group.joined","created":"2026-11-23T10:00:00Z",
                 "account":{"id":"cm_000042","crmContactId":"%s"},"data":{"group":"Early Career"}}""".formatted(eventId, contact);

        var first = bus().communityWebhook(body);
        var second = bus().communityWebhook(body);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("duplicate");

        var onKafka = KafkaProbe.readAll(brokers, "community.activity").stream()
                .filter(r -> eventId.equals(KafkaProbe.header(r, "eventId"))).toList();
        assertThat(onKafka).hasSize(1);
        assertThat(onKafka.get(0).key()).isEqualTo(contact);
        assertThat(onKafka.get(0).value()).isEqualTo(body);
    }

    @Test
    void aMemberProfileEditCrossesKafkaAndAnArtemisCommandIntoTheCrm() throws Exception {
        var bio = "Bio written at " + UUID.randomUUID();
        long commandsBefore = crmWriteCommandsAdded();
        partners.communityActivity("cm_000043", "member.profile_updated", "{\"bio\":\"" + bio + "\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(partners.contact("003DM0000000043AAA").path("Bio__c").asText()).isEqualTo(bio));
        assertThat(KafkaProbe.readAll(brokers, "community.activity"))
                .anySatisfy(r -> assertThat(r.key()).isEqualTo("003DM0000000043AAA"));
        assertThat(crmWriteCommandsAdded()).isGreaterThan(commandsBefore);
    }

    /** Messages ever added to the crm.write queue, read from the broker's MBean through Jolokia. */
    private long crmWriteCommandsAdded() throws Exception {
        var mbean = "org.apache.activemq.artemis:broker=%22" + broker + "%22,component=addresses,address=%22crm.write%22,"
                + "subcomponent=queues,routing-type=%22anycast%22,queue=%22crm.write%22/MessagesAdded";
        var answer = json.readTree(bus().get("/actuator/jolokia/read/" + mbean, BusClient.OPS).body());
        return answer.path("value").asLong(0);
    }

    @Test
    void aMalformedBodyGetsA400WithItsReasonAndIsQuarantined() throws Exception {
        var marker = UUID.randomUUID().toString();
        var body = "{\"id\":\"" + marker + "\",\"type\":\"post.created\"";
        var response = bus().communityWebhook(body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("reason").asText()).startsWith("malformed JSON");
        assertThat(jdbc.queryForObject("select count(*) from quarantine where body = ? and status = 400",
                Integer.class, body)).isEqualTo(1);
    }

    @Test
    void aBodyMissingRequiredFieldsGetsA400NamingThem() throws Exception {
        var body = "{\"id\":\"evt_x\",\"type\":\"post.created\",\"created\":\"2026-11-23T10:00:00Z\",\"account\":{}}";
        var response = bus().communityWebhook(body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("reason").asText()).isEqualTo("account.id must not be blank");
    }

    @Test
    void anUnsignedOrForgedWebhookIsRefusedAndQuarantined() {
        var body = "{\"id\":\"evt_forged_" + UUID.randomUUID() + "\"}";
        var unsigned = bus().post("/webhooks/community", body);
        var forged = bus().post("/webhooks/community", body, "X-Community-Signature",
                "t=" + System.currentTimeMillis() / 1000 + ",v1=00ff");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from quarantine where body = ? and status = 401", Integer.class, body)).isEqualTo(2));
    }

}
