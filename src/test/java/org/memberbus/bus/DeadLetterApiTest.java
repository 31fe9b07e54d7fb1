package org.memberbus.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.KafkaProbe;
import org.memberbus.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Operators list what the bus gave up on and send it back through the flow. */
@SandboxTest
class DeadLetterApiTest {

    @LocalServerPort int port;
    @Value("${memberbus.kafka.brokers}") String brokers;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aDeadLetteredFactIsListedAndReplayedThroughItsFlow() throws Exception {
        var eventId = "evt_dead_" + UUID.randomUUID();
        var body = """
                {"id":"%s","type":"group.joined","created":"2026-11-23T10:00:00Z",
                 "account":{"id":"cm_000009","crmContactId":"003DM0000000009AAA"},"data":{}}""".formatted(eventId);
        // what the dead-letter store keeps when the fact's consumer gave up on it
        Long id = jdbc.queryForObject("""
                insert into dead_letter (route_id, endpoint, message_key, headers, body, error)
                values ('community-activity-to-crm-command', 'kafka:community.activity', '003DM0000000009AAA', ?, ?,
                        'JMSException: broker unavailable') returning id""", Long.class,
                "{\"eventId\":\"" + eventId + "\",\"eventType\":\"group.joined\"}", body);

        var bus = new BusClient(port);
        assertThat(bus.get("/api/v1/dead-letters", null).statusCode()).isEqualTo(401);
        var list = new ObjectMapper().readTree(bus.get("/api/v1/dead-letters", BusClient.OPS).body());
        assertThat(list.findValuesAsText("error")).contains("JMSException: broker unavailable");

        var replay = bus.postAs(BusClient.OPS, "/api/v1/dead-letters/" + id + "/replay", "");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("replayed");

        // back where it came from: on its topic again, with its key and its headers
        var again = KafkaProbe.readAll(brokers, "community.activity").stream()
                .filter(r -> eventId.equals(KafkaProbe.header(r, "eventId"))).toList();
        assertThat(again).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("003DM0000000009AAA");
            assertThat(r.value()).isEqualTo(body);
            assertThat(KafkaProbe.header(r, "eventType")).isEqualTo("group.joined");
        });
        assertThat(jdbc.queryForObject("select replay_count from dead_letter where id = ?", Integer.class, id)).isEqualTo(1);
        assertThat(bus.postAs(BusClient.OPS, "/api/v1/dead-letters/999999999/replay", "").statusCode()).isEqualTo(404);
    }
}
