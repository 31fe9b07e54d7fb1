package org.memberbus.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.memberbus.SandboxTest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The brokers as the bus sets them up at start-up, read back from the sandbox's own Kafka and
 * Artemis with their admin and management APIs, the way an operator would check a production one.
 */
@SandboxTest
@ExtendWith(OutputCaptureExtension.class)
class BrokerSetupTest {

    @Autowired KafkaClients kafka;
    @Autowired KafkaTopicSetup topicSetup;
    @Autowired KafkaTopicSettings topicSettings;
    @Autowired ArtemisAddressSettings addressSettings;
    @Autowired ObjectProvider<ConnectionFactory> connectionFactory;

    @Test
    void everyTopicTheRoutesUseExistsWithTheConfiguredPartitionsAndRetention() throws Exception {
        var topics = topicSetup.topics();
        assertThat(topics).contains("crm.changes", "payment.events", "community.activity", "exam.results", "health.changed");
        try (var admin = Admin.create(kafka.clientConfig())) {
            var described = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(described.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(topicSettings.partitions()));
            // retention is the topic's own setting, made by the bus, not the broker's default for auto-created topics
            var retention = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "crm.changes")))
                    .all().get(10, TimeUnit.SECONDS).values().iterator().next().get("retention.ms");
            assertThat(retention.value()).isEqualTo(String.valueOf(Duration.ofDays(7).toMillis()));
            assertThat(retention.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }
    }

    @Test
    void aMissingTopicIsCreatedWithItsSettingsOrStopsStartUpWhenCreationIsOff() throws Exception {
        var topic = "setup-test-" + UUID.randomUUID();
        var env = environment(Map.of("test.topics.one", topic));
        var settings = new KafkaTopicSettings(true, true, 5, (short) 1, Duration.ofHours(30), Duration.ofSeconds(20), List.of("test.topics"));

        var refused = catchThrowable(() -> new KafkaTopicSetup(kafka, withCreate(settings, false), env).apply());
        assertThat(refused).isInstanceOf(StartupCheckException.class)
                .hasMessage("Kafka topic " + topic + " is missing and the bus does not create topics (KAFKA_CREATE_TOPICS=false).");

        new KafkaTopicSetup(kafka, settings, env).apply();
        try (var admin = Admin.create(kafka.clientConfig())) {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()).hasSize(5);
            var retention = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
                    .all().get(10, TimeUnit.SECONDS).values().iterator().next().get("retention.ms");
            assertThat(retention.value()).isEqualTo(String.valueOf(Duration.ofHours(30).toMillis()));
        }
        new KafkaTopicSetup(kafka, withCreate(settings, false), env).apply(); // now it exists: nothing to say
    }

    @Test
    void theCommandQueuesOnTheSandboxBrokerHaveTheConfiguredAddressSettings(CapturedOutput output) {
        var setup = new ArtemisBrokerSetup(connectionFactory, addressSettings, new StandardEnvironment() {{
            getPropertySources().addFirst(new MapPropertySource("queues", Map.of(
                    "memberbus.queues.crm-write", "crm.write", "memberbus.queues.marketing-trigger", "marketing.trigger")));
        }}, false, true, "activemq.management");
        setup.apply();
        assertThat(output.getOut()).contains("Artemis queue crm.write: address settings as configured")
                .contains("Artemis queue marketing.trigger: address settings as configured");
    }

    @Test
    void addressSettingsAreAppliedThroughManagementAndAQueueWithoutDeadLetterAddressStopsStartUp(CapturedOutput output) {
        var queue = "setup.test." + UUID.randomUUID();
        var env = environment(Map.of("memberbus.queues.test", queue));
        var other = new ArtemisAddressSettings(Duration.ofMillis(250), 3.0, Duration.ofSeconds(20), 4, "DLA", "DLQ.", true);

        // checked only: the broker's (sandbox) settings differ from these, one line says how
        new ArtemisBrokerSetup(connectionFactory, other, env, false, true, "activemq.management").apply();
        assertThat(output.getOut()).contains("Artemis queue " + queue + ": address settings differ from memberbus.artemis.address-settings: "
                + "redelivery-delay is 1000 ms, expected 250 ms; redelivery-delay-multiplier is 2.0, expected 3.0; "
                + "max-redelivery-delay is 60000 ms, expected 20000 ms; max-delivery-attempts is 6, expected 4");

        // managed: applied on the broker, then read back equal
        new ArtemisBrokerSetup(connectionFactory, other, env, true, true, "activemq.management").apply();
        assertThat(output.getOut()).contains("Artemis queue " + queue + ": address settings as configured (applied)");

        var noDeadLetters = new ArtemisAddressSettings(Duration.ofMillis(250), 3.0, Duration.ofSeconds(20), 4, "", "DLQ.", false);
        var refused = catchThrowable(() -> new ArtemisBrokerSetup(connectionFactory, noDeadLetters, env, true, true, "activemq.management").apply());
        assertThat(refused).isInstanceOf(StartupCheckException.class)
                .hasMessage("Artemis queue " + queue + " has no dead-letter address: a command that fails 4 times would be lost.");
    }

    private static KafkaTopicSettings withCreate(KafkaTopicSettings s, boolean create) {
        return new KafkaTopicSettings(s.enabled(), create, s.partitions(), s.replicationFactor(), s.retention(), s.timeout(), s.namesFrom());
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return env;
    }
}
