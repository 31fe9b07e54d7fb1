package org.memberbus.sandbox;

import java.time.Duration;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The embedded broker's address settings, read from the same configuration a production broker is
 * checked against ({@code memberbus.artemis.address-settings}): redelivery with back-off, then a
 * dead-letter queue {@code DLQ.<queue>} per queue on the dead-letter address.
 */
final class SandboxAddressSettings {

    private SandboxAddressSettings() {}

    record Values(Duration redeliveryDelay, double redeliveryMultiplier, Duration maxRedeliveryDelay,
                  int maxDeliveryAttempts, String deadLetterAddress, String deadLetterQueuePrefix,
                  boolean autoCreateDeadLetterResources) {}

    static AddressSettings from(Environment environment) {
        var values = Binder.get(environment).bindOrCreate("memberbus.artemis.address-settings", Values.class);
        return new AddressSettings()
                .setRedeliveryDelay(values.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(values.redeliveryMultiplier())
                .setMaxRedeliveryDelay(values.maxRedeliveryDelay().toMillis())
                .setMaxDeliveryAttempts(values.maxDeliveryAttempts())
                .setDeadLetterAddress(SimpleString.of(values.deadLetterAddress()))
                .setAutoCreateDeadLetterResources(values.autoCreateDeadLetterResources())
                .setDeadLetterQueuePrefix(SimpleString.of(values.deadLetterQueuePrefix()));
    }
}
