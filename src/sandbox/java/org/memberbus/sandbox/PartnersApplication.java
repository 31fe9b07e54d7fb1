package org.memberbus.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The sandbox's partners role ({@code java -jar target/memberbus.jar --sandbox.role=partners}):
 * the embedded PostgreSQL, Kafka and Artemis and every simulator, and nothing of the bus, so a bus
 * (the production jar, or a second one) runs beside it in its own process and can be stopped or
 * killed without wiping what the partners hold. No auto-configuration: no Camel, no bus web API;
 * the only web servers are the simulators' own.
 *
 * <p>Not a {@code @Configuration}: the bus scans {@code org.memberbus} and must not pick it up;
 * {@code MemberbusApplication.main} names it as the application's source in this role.
 */
@ComponentScan(basePackageClasses = PartnersApplication.class, excludeFilters = {
        // the simulators' own classes live in their own contexts; only their launchers here
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.memberbus\\.sandbox\\.[a-z]+\\.(?!\\w*Launcher$).*")})
@EnableConfigurationProperties(SandboxProperties.class)
public class PartnersApplication {

    private static final Logger log = LoggerFactory.getLogger(PartnersApplication.class);

    /** Lets the brokers and the simulators start beside each other ({@code Bean.Bootstrap.BACKGROUND}). */
    @Bean
    SimpleAsyncTaskExecutor bootstrapExecutor() {
        return new SimpleAsyncTaskExecutor("partners-start-");
    }

    @Bean(destroyMethod = "close", bootstrap = Bean.Bootstrap.BACKGROUND)
    PartnersArtemis partnersArtemis(SandboxProperties sandbox, Environment environment) throws Exception {
        return new PartnersArtemis(sandbox, environment);
    }

    /**
     * Once every simulator listens, subscribes the bus's webhooks at them, as the partners' admins
     * do in production. The bus may start later or restart: the simulators retry their deliveries.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> registerBusWebhooks(SandboxWebhookRegistrar registrar,
            @Value("${sandbox.bus-url:http://localhost:8080}") String busUrl) {
        return ready -> {
            registrar.register(busUrl);
            log.info("Partners ready: webhooks point at the bus at {}", busUrl);
        };
    }
}
