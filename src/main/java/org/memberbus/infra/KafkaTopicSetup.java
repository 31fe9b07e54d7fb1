package org.memberbus.infra;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Before any route starts, every topic the bus needs exists with its partitions, replication and
 * retention ({@link KafkaTopicSettings}): created if missing (no broker-side auto-creation with
 * its defaults), or, where creation is off, start-up stops naming the missing topic. A topic with
 * fewer partitions or replicas than configured is logged, not changed: more partitions would move
 * members' keys to other partitions and break the order of their events.
 */
@Component
class KafkaTopicSetup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopicSetup.class);

    private final KafkaClients clients;
    private final KafkaTopicSettings settings;
    private final Environment environment;
    private volatile boolean running;

    KafkaTopicSetup(KafkaClients clients, KafkaTopicSettings settings, Environment environment) {
        this.clients = clients;
        this.settings = settings;
        this.environment = environment;
    }

    /** Every topic name found under the configured prefixes. */
    TreeSet<String> topics() {
        var names = new TreeSet<String>();
        var binder = Binder.get(environment);
        for (var prefix : settings.namesFrom()) {
            binder.bind(prefix, Bindable.mapOf(String.class, String.class)).ifBound(map -> names.addAll(map.values()));
        }
        return names;
    }

    @Override
    public void start() {
        if (settings.enabled()) {
            apply();
        }
        running = true;
    }

    void apply() {
        var topics = topics();
        var config = new HashMap<>(clients.clientConfig());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis()); // at most the API timeout
        long timeout = settings.timeout().toMillis();
        try (var admin = Admin.create(config)) {
            var existing = admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS);
            var created = new TreeSet<>(topics);
            created.removeAll(existing);
            if (!created.isEmpty() && !settings.create()) {
                var topic = created.first();
                throw new StartupCheckException("Kafka topic " + topic + " is missing and the bus does not create topics (KAFKA_CREATE_TOPICS=false).",
                        "Create " + topic + " with " + settings.partitions() + " partitions, replication factor "
                                + settings.replicationFactor() + " (see README, 'Running in production'), or set KAFKA_CREATE_TOPICS=true.");
            }
            create(admin, created, timeout);
            if (!created.isEmpty()) {
                log.info("Kafka topics created ({} partitions, replication factor {}, retention {}): {}",
                        settings.partitions(), settings.replicationFactor(), settings.retention(), created);
            }
            var found = new TreeSet<>(topics);
            found.removeAll(created);   // just made as configured (and not yet known to every broker)
            if (!found.isEmpty()) {
                check(admin, found, timeout);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupCheckException("Kafka at " + clients.clientConfig().get("bootstrap.servers")
                    + " did not set up the bus's topics: " + (e.getCause() != null ? e.getCause() : e),
                    "Check KAFKA_BOOTSTRAP_SERVERS and the KAFKA_SECURITY_PROTOCOL / KAFKA_SASL_* / KAFKA_SSL_* settings, "
                            + "and that the bus's Kafka user may describe and create topics.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Makes the topics in one request; one another instance made meanwhile is fine. */
    private void create(Admin admin, TreeSet<String> topics, long timeout) throws ExecutionException, InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        var retention = Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(settings.retention().toMillis()));
        var result = admin.createTopics(topics.stream()
                .map(topic -> new NewTopic(topic, settings.partitions(), settings.replicationFactor()).configs(retention))
                .toList());
        for (var topic : topics) {
            created(result.values().get(topic), topic, timeout);
        }
    }

    private void created(KafkaFuture<Void> future, String topic, long timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            future.get(timeout, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InvalidReplicationFactorException) {
                throw new StartupCheckException("Kafka cannot make topic " + topic + " with replication factor "
                        + settings.replicationFactor() + ": " + e.getCause().getMessage(),
                        "Set KAFKA_REPLICATION_FACTOR to at most the number of brokers (1 for a one-broker cluster such as the sandbox's).");
            }
            if (!(e.getCause() instanceof TopicExistsException)) {   // another instance made it meanwhile
                throw e;
            }
        }
    }

    private void check(Admin admin, TreeSet<String> topics, long timeout) throws ExecutionException, InterruptedException, TimeoutException {
        var descriptions = admin.describeTopics(topics).allTopicNames().get(timeout, TimeUnit.MILLISECONDS);
        descriptions.forEach((topic, description) -> {
            int partitions = description.partitions().size();
            int replicas = description.partitions().get(0).replicas().size();
            if (partitions < settings.partitions()) {
                log.warn("Kafka topic {} has {} partitions, fewer than the {} configured (KAFKA_TOPIC_PARTITIONS); left as it is: "
                        + "adding partitions moves members to other partitions, so add them only while the bus is stopped and drained",
                        topic, partitions, settings.partitions());
            }
            if (replicas < settings.replicationFactor()) {
                log.warn("Kafka topic {} has replication factor {}, below the {} configured (KAFKA_REPLICATION_FACTOR)",
                        topic, replicas, settings.replicationFactor());
            }
        });
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before Camel starts its routes and the web server its endpoints. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
