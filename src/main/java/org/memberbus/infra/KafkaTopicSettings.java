package org.memberbus.infra;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Kafka topics the bus needs and how they are made: the names are the values under each
 * {@code namesFrom} prefix ({@code memberbus.topics.*}, {@code memberbus.health.topics.*}), so a
 * flow that adds a topic there gets it created too.
 *
 * @param create            make a missing topic (off where the cluster's admins create topics)
 * @param replicationFactor production: 3 (KAFKA_REPLICATION_FACTOR); the sandbox's one broker: 1
 */
@ConfigurationProperties("memberbus.kafka.topic-setup")
record KafkaTopicSettings(boolean enabled, boolean create, int partitions, short replicationFactor,
                          Duration retention, Duration timeout, List<String> namesFrom) {}
