package org.memberbus.sandbox;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * The partners process's Artemis broker: a standalone embedded server (Spring Boot's embedded mode
 * belongs to the bus's context), persistent in the sandbox data folder, with the same settings
 * as the one-process sandbox's broker. Buses in other processes reach it on {@code sandbox.artemis.port}.
 */
final class PartnersArtemis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartnersArtemis.class);

    private final EmbeddedActiveMQ broker = new EmbeddedActiveMQ();

    PartnersArtemis(SandboxProperties sandbox, Environment environment) throws Exception {
        var config = new ConfigurationImpl();
        config.setPersistenceEnabled(true);
        SandboxArtemis.configure(config, sandbox, environment);
        broker.setConfiguration(config).start();
        log.info("Embedded Artemis listening on tcp://localhost:{}", sandbox.artemis().port());
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }
}
