package org.memberbus.sandbox.accounting;

import org.memberbus.sandbox.SimulatorHost;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;

/** Starts the accounting (general ledger) simulator next to the bus in the sandbox. */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
@ConditionalOnProperty(name = "sandbox.simulators.enabled", matchIfMissing = true)
class AccountingSimulatorLauncher {

    @Bean(destroyMethod = "close", bootstrap = Bean.Bootstrap.BACKGROUND)
    SimulatorHost accountingSimulator(ConfigurableEnvironment env, @Value("${sandbox.accounting.port}") int port) {
        return SimulatorHost.start(AccountingSimulator.NAME, port, env, AccountingSimulator.class);
    }
}
