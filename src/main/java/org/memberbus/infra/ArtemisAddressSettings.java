package org.memberbus.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.apache.activemq.artemis.api.core.management.AddressSettingsInfo;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What every command queue needs from its broker: redelivery with back-off, then its dead letters
 * on the dead-letter address in a queue of its own ({@code DLQ.<queue>}). The sandbox's embedded
 * broker is given these same values ({@code memberbus.artemis.address-settings}); a production
 * broker gets them through its management API or from its administrators
 * ({@code deploy/artemis/broker-address-settings.xml}).
 */
@ConfigurationProperties("memberbus.artemis.address-settings")
record ArtemisAddressSettings(Duration redeliveryDelay, double redeliveryMultiplier, Duration maxRedeliveryDelay,
                              int maxDeliveryAttempts, String deadLetterAddress, String deadLetterQueuePrefix,
                              boolean autoCreateDeadLetterResources) {

    /** The JSON {@code ActiveMQServerControl.addAddressSettings(address, json)} takes. */
    String toJson() {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("redeliveryDelay", redeliveryDelay.toMillis());
        fields.put("redeliveryMultiplier", redeliveryMultiplier);
        fields.put("maxRedeliveryDelay", maxRedeliveryDelay.toMillis());
        fields.put("maxDeliveryAttempts", maxDeliveryAttempts);
        fields.put("deadLetterAddress", deadLetterAddress);
        fields.put("deadLetterQueuePrefix", deadLetterQueuePrefix);
        fields.put("autoCreateDeadLetterResources", autoCreateDeadLetterResources);
        var json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":")
                .append(value instanceof String s ? '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : value));
        return json.append('}').toString();
    }

    /** How the broker's settings for a queue differ from these, one phrase each; empty when they agree. */
    List<String> differences(AddressSettingsInfo broker) {
        var differences = new ArrayList<String>();
        differ(differences, "redelivery-delay", redeliveryDelay.toMillis() + " ms", broker.getRedeliveryDelay() + " ms");
        differ(differences, "redelivery-delay-multiplier", redeliveryMultiplier, broker.getRedeliveryMultiplier());
        differ(differences, "max-redelivery-delay", maxRedeliveryDelay.toMillis() + " ms", broker.getMaxRedeliveryDelay() + " ms");
        differ(differences, "max-delivery-attempts", maxDeliveryAttempts, broker.getMaxDeliveryAttempts());
        differ(differences, "dead-letter-address", deadLetterAddress, broker.getDeadLetterAddress());
        differ(differences, "dead-letter-queue-prefix", deadLetterQueuePrefix, broker.getDeadLetterQueuePrefix());
        differ(differences, "auto-create-dead-letter-resources", autoCreateDeadLetterResources, broker.isAutoCreateDeadLetterResources());
        return differences;
    }

    private static void differ(List<String> differences, String name, Object wanted, Object actual) {
        if (!Objects.equals(String.valueOf(wanted), String.valueOf(actual))) {
            differences.add(name + " is " + actual + ", expected " + wanted);
        }
    }
}
