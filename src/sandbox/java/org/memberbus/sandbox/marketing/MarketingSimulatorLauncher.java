package org.memberbus.sandbox.marketing;

import org.memberbus.sandbox.SimulatorHost;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;

/** In the sandbox, the bus starts the marketing automation simulator next to itself. */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
@ConditionalOnProperty(name = "sandbox.simulators.enabled", matchIfMissing = true)
class MarketingSimulatorLauncher {

    @Bean(destroyMethod = "close", bootstrap = Bean.Bootstrap.BACKGROUND)
    SimulatorHost marketingSimulator(ConfigurableEnvironment env, @Value("${sandbox.marketing.port}") int port) {
        return SimulatorHost.start("marketing", port, env, MarketingSimulator.class);
    }
}
