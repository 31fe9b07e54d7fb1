package org.memberbus.sandbox;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the sandbox keeps its data and which local ports its embedded parts listen on.
 * Every port is overridable, so tests can start a second sandbox beside a running one.
 */
@ConfigurationProperties("sandbox")
public record SandboxProperties(Path dataDir, Postgres postgres, Kafka kafka, Artemis artemis) {

    public record Postgres(int port) {}

    public record Kafka(int port, int controllerPort) {}

    public record Artemis(int port, String brokerName) {}
}
