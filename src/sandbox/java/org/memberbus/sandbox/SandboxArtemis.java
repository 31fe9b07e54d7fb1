package org.memberbus.sandbox;

import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.springframework.core.env.Environment;

/**
 * The sandbox broker's settings, the same whether Spring Boot embeds it in the bus (one-process
 * sandbox) or the partners process runs it on its own: open to other JVMs on {@code sandbox.artemis.port},
 * its journal in the sandbox data folder, JMX for Hawtio, and the production address settings
 * (redelivery with back-off, a dead-letter queue {@code DLQ.<queue>} per queue). With
 * {@code sandbox.artemis.tls-port}, {@code tls-keystore} and {@code tls-keystore-password} it also
 * accepts TLS on that port.
 */
final class SandboxArtemis {

    private SandboxArtemis() {}

    static Configuration configure(Configuration config, SandboxProperties sandbox, Environment environment) {
        config.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
                Map.of("host", "localhost", "port", sandbox.artemis().port()), "tcp"));
        // optionally a TLS acceptor too, so a bus can be tried against the broker as production runs it
        var tlsPort = environment.getProperty("sandbox.artemis.tls-port", Integer.class);
        if (tlsPort != null) {
            config.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(), Map.of(
                    "host", "localhost", "port", tlsPort, "sslEnabled", true,
                    "keyStorePath", environment.getRequiredProperty("sandbox.artemis.tls-keystore"),
                    "keyStorePassword", environment.getRequiredProperty("sandbox.artemis.tls-keystore-password"),
                    "keyStoreType", "PKCS12"), "tls"));
        }
        config.setJMXManagementEnabled(true);
        config.setName(sandbox.artemis().brokerName()); // its MBeans' broker="..." in Hawtio
        config.setSecurityEnabled(false);
        config.setJournalDirectory(sandbox.dataDir().resolve("artemis/journal").toString());
        config.setBindingsDirectory(sandbox.dataDir().resolve("artemis/bindings").toString());
        config.setLargeMessagesDirectory(sandbox.dataDir().resolve("artemis/large").toString());
        config.setPagingDirectory(sandbox.dataDir().resolve("artemis/paging").toString());
        config.addAddressSetting("#", SandboxAddressSettings.from(environment));
        return config;
    }
}
