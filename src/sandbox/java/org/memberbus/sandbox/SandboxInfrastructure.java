package org.memberbus.sandbox;

import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * The sandbox's embedded brokers. PostgreSQL has its own class; Artemis itself is Spring Boot's
 * embedded server ({@code spring.artemis.mode=embedded}), given {@link SandboxArtemis}' settings
 * (open to other JVMs, redelivery with back-off, a dead-letter queue per queue, JMX for Hawtio).
 */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
class SandboxInfrastructure {

    // started beside the simulators (Spring's background bootstrap); the bus's routes start after both
    @Bean(destroyMethod = "close", bootstrap = Bean.Bootstrap.BACKGROUND)
    EmbeddedKafka embeddedKafka(SandboxProperties sandbox) throws Exception {
        return new EmbeddedKafka(sandbox.dataDir().resolve("kafka"), sandbox.kafka().port(), sandbox.kafka().controllerPort());
    }

    @Bean
    ArtemisConfigurationCustomizer artemisOpenToOtherJvms(SandboxProperties sandbox, Environment environment) {
        return config -> SandboxArtemis.configure(config, sandbox, environment);
    }
}
