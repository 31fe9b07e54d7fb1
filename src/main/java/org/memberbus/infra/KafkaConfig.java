package org.memberbus.infra;

import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;
import org.apache.camel.component.kafka.serde.ToStringKafkaHeaderDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every Kafka consumer of the bus shares (camel.component.kafka in application.yaml): facts
 * carry string headers (event id, event type), read back as strings, not bytes; and offsets are
 * committed synchronously once a record was processed, never by Kafka's auto-commit (the
 * synchronous commit manager that camel-kafka picks for this factory).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    @Bean
    ToStringKafkaHeaderDeserializer kafkaHeaderDeserializer() {
        return new ToStringKafkaHeaderDeserializer();
    }

    @Bean
    KafkaManualCommitFactory kafkaManualCommitFactory() {
        return new DefaultKafkaManualCommitFactory();
    }
}
