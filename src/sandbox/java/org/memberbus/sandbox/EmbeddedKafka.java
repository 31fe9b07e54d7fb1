package org.memberbus.sandbox;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's own KRaft server, in process, one node, its log in the sandbox data folder so that
 * a restart (clean or {@code kill -9}) keeps every record and every committed offset.
 */
final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String CLUSTER_ID = "bWVtYmVyYnVzLXNhbmRib3g";
    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(4);

    private final KafkaRaftServer server;

    EmbeddedKafka(Path logDir, int port, int controllerPort) throws Exception {
        Files.createDirectories(logDir);
        var dir = logDir.toAbsolutePath().toString();
        var props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@localhost:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", dir),
                Map.entry("num.partitions", "3"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "3"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // after kill -9 the old registration expires sooner
                Map.entry("broker.session.timeout.ms", "3000"),
                Map.entry("broker.heartbeat.interval.ms", "1000"),
                // a single node has no one to hand its partitions to; a controlled shutdown only waits
                // for the controller (up to 5 minutes when it is gone first)
                Map.entry("controlled.shutdown.enable", "false")));
        var config = KafkaConfig.fromProps(props, false);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            new Formatter()
                    .setNodeId(1)
                    .setClusterId(CLUSTER_ID)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(dir)
                    .setDirectories(List.of(dir))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setPrintStream(System.out)
                    .run();
        }
        // A fatal log-dir fault must not halt the whole bus with it.
        Exit.setHaltProcedure((status, message) -> log.error("Kafka asked to halt ({}): {}", status, message));
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        log.info("Embedded Kafka (KRaft) listening on localhost:{}, log in {}", port, dir);
    }

    /**
     * Stops the broker, waiting at most {@link #SHUTDOWN_LIMIT}: the log is flushed on every
     * write that counts (acks=all), and a broker that stops half-way recovers at the next start
     * as it does after {@code kill -9}, so a sandbox stop is never held up by it.
     */
    @Override
    public void close() {
        var stop = new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "embedded-kafka-shutdown");
        stop.setDaemon(true);
        stop.start();
        try {
            stop.join(SHUTDOWN_LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stop.isAlive()) {
            log.warn("Embedded Kafka did not stop within {}; left to the process's end", SHUTDOWN_LIMIT);
        }
    }
}
