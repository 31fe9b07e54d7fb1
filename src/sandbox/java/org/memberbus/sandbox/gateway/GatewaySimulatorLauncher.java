package org.memberbus.sandbox.gateway;

import org.memberbus.sandbox.SimulatorHost;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;

/** Starts the payment gateway simulator next to the bus in the sandbox. */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
@ConditionalOnProperty(name = "sandbox.simulators.enabled", matchIfMissing = true)
class GatewaySimulatorLauncher {

    @Bean(destroyMethod = "close", bootstrap = Bean.Bootstrap.BACKGROUND)
    SimulatorHost gatewaySimulator(ConfigurableEnvironment env, @Value("${sandbox.gateway.port}") int port) {
        return SimulatorHost.start(GatewaySimulator.NAME, port, env, GatewaySimulator.class);
    }
}
