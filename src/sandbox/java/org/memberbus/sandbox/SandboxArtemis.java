package org.memberbus.sandbox;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The sandbox broker's settings, the same whether Spring Boot embeds it in the bus (one-process
 * sandbox) or the partners process runs it on its own: open to other JVMs on {@code sandbox.artemis.port},
 * its journal in the sandbox data folder, JMX for Hawtio, and the production address settings
 * (redelivery with back-off, a dead-letter queue {@code DLQ.<queue>} per queue).
 */
final class SandboxArtemis {

    private SandboxArtemis() {}

    static Configuration configure(Configuration config, SandboxProperties sandbox) {
        config.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
                Map.of("host", "localhost", "port", sandbox.artemis().port()), "tcp"));
        config.setJMXManagementEnabled(true);
        config.setName(sandbox.artemis().brokerName()); // its MBeans' broker="..." in Hawtio
        config.setSecurityEnabled(false);
        config.setJournalDirectory(sandbox.dataDir().resolve("artemis/journal").toString());
        config.setBindingsDirectory(sandbox.dataDir().resolve("artemis/bindings").toString());
        config.setLargeMessagesDirectory(sandbox.dataDir().resolve("artemis/large").toString());
        config.setPagingDirectory(sandbox.dataDir().resolve("artemis/paging").toString());
        config.addAddressSetting("#", new AddressSettings()
                .setRedeliveryDelay(TimeUnit.SECONDS.toMillis(1))
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(TimeUnit.MINUTES.toMillis(1))
                .setMaxDeliveryAttempts(6)
                .setDeadLetterAddress(SimpleString.of("DLA"))
                .setAutoCreateDeadLetterResources(true)
                .setDeadLetterQueuePrefix(SimpleString.of("DLQ.")));
        return config;
    }
}
