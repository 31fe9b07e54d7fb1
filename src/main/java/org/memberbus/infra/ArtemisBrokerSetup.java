package org.memberbus.infra;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.util.TreeSet;
import org.apache.activemq.artemis.api.core.management.AddressSettingsInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Before any route takes a command, every command queue's address settings on the broker are
 * those of {@link ArtemisAddressSettings}: read back through the broker's management address
 * ({@code getAddressSettingsAsJSON}) and, with {@code ARTEMIS_MANAGE_ADDRESS_SETTINGS=true},
 * applied there ({@code addAddressSettings}, which a persistent broker keeps in its journal).
 * A queue with no dead-letter address would drop a command after its last attempt: start-up
 * stops naming it. Other differences are logged, one line per queue.
 */
@Component
class ArtemisBrokerSetup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ArtemisBrokerSetup.class);

    private final ObjectProvider<ConnectionFactory> connectionFactory;
    private final ArtemisAddressSettings wanted;
    private final Environment environment;
    private final boolean manage;
    private final boolean check;
    private final String managementAddress;
    private volatile boolean running;

    ArtemisBrokerSetup(ObjectProvider<ConnectionFactory> connectionFactory, ArtemisAddressSettings wanted, Environment environment,
                       @Value("${memberbus.artemis.manage-address-settings:false}") boolean manage,
                       @Value("${memberbus.artemis.check-address-settings:true}") boolean check,
                       @Value("${memberbus.artemis.management-address:activemq.management}") String managementAddress) {
        this.connectionFactory = connectionFactory;
        this.wanted = wanted;
        this.environment = environment;
        this.manage = manage;
        this.check = check;
        this.managementAddress = managementAddress;
    }

    /** The command queues: every value of {@code memberbus.queues.*}. */
    TreeSet<String> queues() {
        var names = new TreeSet<String>();
        Binder.get(environment).bind("memberbus.queues", Bindable.mapOf(String.class, String.class))
                .ifBound(map -> names.addAll(map.values()));
        return names;
    }

    @Override
    public void start() {
        if (manage || check) {
            apply();
        }
        running = true;
    }

    void apply() {
        // a connection of its own, not the routes' cached one
        try (var management = new ArtemisManagement(connectionFactory.getObject(), managementAddress)) {
            for (var queue : queues()) {
                if (manage) {
                    management.invoke("addAddressSettings", queue, wanted.toJson());
                }
                var actual = AddressSettingsInfo.fromJSON((String) management.invoke("getAddressSettingsAsJSON", queue));
                if (actual.getDeadLetterAddress() == null || actual.getDeadLetterAddress().isBlank()) {
                    throw new StartupCheckException("Artemis queue " + queue + " has no dead-letter address: a command that fails "
                            + wanted.maxDeliveryAttempts() + " times would be lost.",
                            "Give the broker the address settings of deploy/artemis/broker-address-settings.xml, "
                                    + "or set ARTEMIS_MANAGE_ADDRESS_SETTINGS=true so the bus applies them.");
                }
                var differences = wanted.differences(actual);
                if (differences.isEmpty()) {
                    log.info("Artemis queue {}: address settings as configured{}", queue, manage ? " (applied)" : "");
                } else {
                    log.warn("Artemis queue {}: address settings differ from memberbus.artemis.address-settings: {}", queue,
                            String.join("; ", differences));
                }
            }
        } catch (JMSException e) {
            throw new StartupCheckException("Artemis did not answer the bus's address-settings " + (manage ? "update" : "check")
                    + ": " + e.getMessage(),
                    "Check ARTEMIS_URL and that ARTEMIS_USER has the 'manage' permission on " + managementAddress
                            + ", or set ARTEMIS_CHECK_ADDRESS_SETTINGS=false and check them by hand.", e);
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before Camel starts its routes. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
