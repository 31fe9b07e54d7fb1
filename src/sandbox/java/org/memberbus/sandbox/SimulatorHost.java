package org.memberbus.sandbox;

import java.util.Map;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.PropertySourcesPlaceholderConfigurer;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Runs one simulated outside system as a small Spring MVC application of its own, on its own
 * port, apart from the bus: no bus security, no bus beans, only the simulator's controllers.
 * This is how Spring Boot runs its management server on a separate port.
 */
public final class SimulatorHost implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private SimulatorHost(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts {@code components} (a {@code @Configuration} or {@code @ComponentScan} class of the
     * simulator) on {@code port}. The bus's own settings are visible so the simulator can read
     * its {@code sandbox.*} properties.
     */
    public static SimulatorHost start(String name, int port, ConfigurableEnvironment busEnvironment, Class<?>... components) {
        var env = new StandardEnvironment();
        env.merge(busEnvironment);
        env.getPropertySources().addFirst(new MapPropertySource("simulator-" + name, Map.of(
                "server.port", port,
                "server.address", "127.0.0.1",
                "server.servlet.context-path", "",
                "spring.application.name", name + "-simulator")));
        var context = new AnnotationConfigServletWebServerApplicationContext();
        context.setEnvironment(env);
        context.setDisplayName(name + " simulator");
        context.register(SimulatorWeb.class);
        context.register(components);
        context.refresh();
        return new SimulatorHost(context);
    }

    /** The running simulator's beans, for the sandbox to wire or seed. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public int port() {
        return ((AnnotationConfigServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }

    /** Registered by hand, not a {@code @Configuration}: the bus's component scan must not pick it up. */
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
            ErrorMvcAutoConfiguration.class})
    static class SimulatorWeb {

        /** Resolves {@code @Value("${...}")} in the simulator's beans, as Spring Boot does in the bus. */
        @Bean
        static PropertySourcesPlaceholderConfigurer placeholders() {
            return new PropertySourcesPlaceholderConfigurer();
        }
    }
}
