package org.memberbus.infra;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one Kafka connection setting of the bus: camel-kafka's producers and consumers and the
 * clients the bus makes itself (health check, topic set-up) all connect with the same brokers
 * and the same security ({@link KafkaSecurity}).
 */
@Configuration(proxyBeanMethods = false)
public class KafkaClients {

    private final String brokers;
    private final KafkaSecurity security;

    KafkaClients(@Value("${memberbus.kafka.brokers}") String brokers, KafkaSecurity security) {
        this.brokers = brokers;
        this.security = security;
        security.clientProperties(); // settings that do not fit together stop start-up here, by name
    }

    /** Properties for a Kafka client the bus makes (admin, probe): brokers plus security. */
    public Map<String, Object> clientConfig() {
        var config = new HashMap<String, Object>(security.clientProperties());
        config.put("bootstrap.servers", brokers);
        return config;
    }

    /** camel-kafka gets the same security; its additional properties are applied last, over its defaults. */
    @Bean
    ComponentCustomizer kafkaSecurityCustomizer() {
        return ComponentCustomizer.builder(KafkaComponent.class).build(kafka -> {
            var configuration = kafka.getConfiguration();
            configuration.setSecurityProtocol(security.protocol());
            if (security.sasl()) {
                configuration.setSaslMechanism(security.saslMechanism());
            }
            var additional = new HashMap<String, Object>(configuration.getAdditionalProperties());
            additional.putAll(security.clientProperties());
            configuration.setAdditionalProperties(additional);
        });
    }
}
