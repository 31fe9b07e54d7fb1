package org.memberbus.infra;

import org.apache.camel.component.kafka.serde.ToStringKafkaHeaderDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Facts carry string headers (event id, event type): every Kafka consumer reads them back as
 * strings, not bytes (camel.component.kafka.header-deserializer).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    @Bean
    ToStringKafkaHeaderDeserializer kafkaHeaderDeserializer() {
        return new ToStringKafkaHeaderDeserializer();
    }
}
