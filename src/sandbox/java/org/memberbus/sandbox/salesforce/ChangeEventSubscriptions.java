package org.memberbus.sandbox.salesforce;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cometd.bayeux.Promise;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerChannel;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;

/**
 * Connects CometD subscriptions to the change event log: a subscription to a {@code /data/...}
 * channel replays from the id in the subscribe message's {@code ext.replay} and then receives
 * new events, delivered to that session alone.
 */
final class ChangeEventSubscriptions implements BayeuxServer.SubscriptionListener, BayeuxServer.SessionListener {

    private final ChangeEventLog changeEvents;
    private final Map<ServerSession, ChangeEventLog.Subscriber> subscribers = new ConcurrentHashMap<>();

    ChangeEventSubscriptions(ChangeEventLog changeEvents) {
        this.changeEvents = changeEvents;
    }

    @Override
    public void subscribed(ServerSession session, ServerChannel channel, ServerMessage message) {
        if (channel.getId().startsWith("/data/")) {
            changeEvents.subscribe(subscriber(session), channel.getId(),
                    StreamingExtension.replayFrom(message, channel.getId()));
        }
    }

    @Override
    public void unsubscribed(ServerSession session, ServerChannel channel, ServerMessage message) {
        var subscriber = subscribers.get(session);
        if (subscriber != null) {
            changeEvents.unsubscribe(subscriber, channel.getId());
        }
    }

    @Override
    public void sessionAdded(ServerSession session, ServerMessage message) {
        // nothing to do until it subscribes
    }

    @Override
    public void sessionRemoved(ServerSession session, ServerMessage message, boolean timeout) {
        var subscriber = subscribers.remove(session);
        if (subscriber != null) {
            changeEvents.remove(subscriber);
        }
    }

    private ChangeEventLog.Subscriber subscriber(ServerSession session) {
        return subscribers.computeIfAbsent(session,
                s -> (channel, data) -> s.deliver(null, channel, data, Promise.noop()));
    }
}
