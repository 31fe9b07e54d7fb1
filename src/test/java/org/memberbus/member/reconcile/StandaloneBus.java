package org.memberbus.member.reconcile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.memberbus.MemberbusApplication;
import org.memberbus.SandboxTestInitializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * A whole bus started by hand, beside the shared {@code @SandboxTest} one in the same JVM: its own
 * ports, its own data folder (kept across a stop and a start), the routes of {@code routes/}
 * (not reloaded), and nothing it registers under a name the shared bus uses (no JMX, its own
 * Camel, Quartz and Artemis names).
 */
public final class StandaloneBus implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private StandaloneBus(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Free ports for the bus's own parts (its HTTP server, PostgreSQL, Kafka, Artemis), to reuse on a restart. */
    public static Map<String, Object> freePorts() {
        var ports = new LinkedHashMap<String, Object>();
        for (var name : new String[] {"server.port", "sandbox.postgres.port", "sandbox.kafka.port",
                "sandbox.kafka.controller-port", "sandbox.artemis.port"}) {
            ports.put(name, freePort());
        }
        return ports;
    }

    /**
     * Starts the bus in the sandbox profile on {@code dataDir} with {@code settings} (ports, and
     * e.g. {@code sandbox.simulators.enabled=false} with the simulators' ports); blocks until it is up.
     */
    public static StandaloneBus start(Path dataDir, Map<String, Object> settings) {
        var properties = new LinkedHashMap<String, Object>(settings);
        properties.put("sandbox.data-dir", dataDir.toAbsolutePath().toString());
        properties.put("memberbus.routes-dir", Path.of("routes").toAbsolutePath().toString());
        properties.put("camel.main.routes-reload-enabled", "false");
        properties.put("camel.main.name", "memberbus-standalone");
        properties.put("camel.main.jmx-enabled", "false");
        properties.put("spring.jmx.enabled", "false");
        properties.put("spring.quartz.scheduler-name", "memberbus-standalone");
        properties.put("sandbox.artemis.broker-name", "standalone-" + UUID.randomUUID());
        var args = new ArrayList<String>(); // command-line arguments: above config/application.yaml
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        var context = new SpringApplicationBuilder(MemberbusApplication.class)
                .profiles("sandbox")
                .run(args.toArray(String[]::new));
        return new StandaloneBus(context);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public Environment environment() {
        return context.getEnvironment();
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Override
    public void close() {
        context.close();
    }

    public static int freePort() {
        return SandboxTestInitializer.freePort();
    }
}
