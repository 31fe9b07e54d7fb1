package org.memberbus.crm;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.StreamingApiConsumer;
import org.apache.camel.component.salesforce.internal.streaming.SubscriptionHelper;
import org.cometd.client.BayeuxClient;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The CRM change stream's part of readiness ({@code /actuator/health/readiness}): UP only once
 * camel-salesforce's streaming client has its handshake and Salesforce has confirmed the
 * subscription of route {@value #ROUTE}'s channel. Before that, a staff edit in Salesforce would
 * reach no subscriber (a fresh start subscribes for new events only), so the bus must not say it
 * is ready. The same holds for every other change-event channel on the same client (CRM events,
 * groups, certifications): all must be confirmed. Goes DOWN again while the client re-handshakes
 * and re-subscribes.
 *
 * <p>camel-salesforce 4.17 says none of this through its API: the consumer's route starts before
 * the subscription is answered. The state is read from its {@link SubscriptionHelper}: the CometD
 * client ({@code client}) and the channels still waiting for a subscribe reply
 * ({@code channelsToSubscribe}, emptied channel by channel as Salesforce confirms them, refilled on
 * every handshake). A Camel upgrade that renames them fails {@code CrmChangeStreamHealthTest}.
 */
@Component("crmChangeStream")
class CrmChangeStreamHealth extends AbstractHealthIndicator {

    static final String ROUTE = "crm-contact-change-source";

    private static final Field CLIENT = field("client");
    private static final Field CHANNELS_TO_SUBSCRIBE = field("channelsToSubscribe");

    private final CamelContext camel;

    CrmChangeStreamHealth(CamelContext camel) {
        super("CRM change stream check failed");
        this.camel = camel;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        var route = camel.getRoute(ROUTE);
        if (route == null || !(route.getConsumer() instanceof StreamingApiConsumer consumer) || !consumer.isStarted()) {
            builder.down().withDetail("reason", "route " + ROUTE + " is not running");
            return;
        }
        var channel = channel(consumer.getTopicName());
        builder.withDetail("channel", channel);
        var state = state(consumer.getSubscriptionHelper(), channel);
        if (state == null) {
            builder.up();
        } else {
            builder.down().withDetail("reason", state);
        }
    }

    /** Null when {@code channel} is subscribed on a connected client; else why not. */
    static String state(SubscriptionHelper helper, String channel) {
        if (helper == null || !helper.isStarted()) {
            return "the streaming client has not started";
        }
        try {
            var client = (BayeuxClient) CLIENT.get(helper);
            if (client == null || !client.isConnected()) {
                return "no handshake with Salesforce's streaming API yet";
            }
            @SuppressWarnings("unchecked")
            var waiting = (Set<String>) CHANNELS_TO_SUBSCRIBE.get(helper);
            if (waiting.contains(channel)) {
                return "the subscription has not been confirmed yet";
            }
            // the component's other change-event channels (events, groups, certifications) share
            // the client: a fresh start subscribes them for new events only too
            return waiting.isEmpty() ? null : "the subscriptions of " + new TreeSet<>(waiting) + " have not been confirmed yet";
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** camel-salesforce's channel name of a topic: /data/ContactChangeEvent stays as it is. */
    static String channel(String topic) {
        return topic.startsWith("/") ? topic : "/" + topic;
    }

    private static Field field(String name) {
        try {
            var field = SubscriptionHelper.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("camel-salesforce's SubscriptionHelper has no field '" + name
                    + "' any more: CrmChangeStreamHealth cannot tell whether the change stream is subscribed", e);
        }
    }
}
