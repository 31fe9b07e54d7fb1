package org.memberbus.sandbox.salesforce;

import org.memberbus.sandbox.SimulatorHost;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;

/** Starts the Salesforce org simulator with the sandbox, on {@code sandbox.salesforce.port}. */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
@ConditionalOnProperty(name = "sandbox.simulators.enabled", matchIfMissing = true)
class SalesforceSimulatorLauncher {

    @Bean(destroyMethod = "close", bootstrap = Bean.Bootstrap.BACKGROUND)
    SimulatorHost salesforceSimulator(ConfigurableEnvironment env, @Value("${sandbox.salesforce.port}") int port) {
        return SimulatorHost.start("salesforce", port, env, SalesforceSimulator.class);
    }
}
