package org.memberbus.sandbox;

import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

import java.util.Map;

/**
 * The sandbox's embedded brokers. PostgreSQL has its own class; Artemis itself is Spring Boot's
 * embedded server ({@code spring.artemis.mode=embedded}), which this class opens to other JVMs
 * and gives the production address settings: redelivery with back-off, a dead-letter queue per
 * queue, and JMX so Hawtio can list and retry dead letters.
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
        return config -> {
            config.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
                    Map.of("host", "localhost", "port", sandbox.artemis().port()), "tcp"));
            config.setJMXManagementEnabled(true);
            config.setName(sandbox.artemis().brokerName()); // its MBeans' broker="..." in Hawtio
            config.setSecurityEnabled(false);
            config.setJournalDirectory(sandbox.dataDir().resolve("artemis/journal").toString());
            config.setBindingsDirectory(sandbox.dataDir().resolve("artemis/bindings").toString());
            config.setLargeMessagesDirectory(sandbox.dataDir().resolve("artemis/large").toString());
            config.setPagingDirectory(sandbox.dataDir().resolve("artemis/paging").toString());
            config.addAddressSetting("#", SandboxAddressSettings.from(environment));
        };
    }
}
