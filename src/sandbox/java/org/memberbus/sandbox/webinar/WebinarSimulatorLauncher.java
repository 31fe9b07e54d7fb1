package org.memberbus.sandbox.webinar;

import org.memberbus.sandbox.SimulatorHost;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;

/** In the sandbox (and the partners role), the webinar platform simulator starts next to the bus. */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
@ConditionalOnProperty(name = "sandbox.simulators.enabled", matchIfMissing = true)
class WebinarSimulatorLauncher {

    @Bean(destroyMethod = "close", bootstrap = Bean.Bootstrap.BACKGROUND)
    SimulatorHost webinarSimulator(ConfigurableEnvironment env, @Value("${sandbox.webinar.port}") int port) {
        return SimulatorHost.start("webinar", port, env, WebinarSimulator.class);
    }
}
