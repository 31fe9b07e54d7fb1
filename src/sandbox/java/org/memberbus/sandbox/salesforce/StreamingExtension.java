package org.memberbus.sandbox.salesforce;

import java.util.Map;
import org.cometd.bayeux.Channel;
import org.cometd.bayeux.Message;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;
import org.cometd.server.ServerMessageImpl;

/**
 * Makes the stock CometD server answer as Salesforce's Streaming API does. The handshake
 * answer advertises {@code ext: {replay: true}} (without it clients send no replay ids); a
 * refused handshake is {@code 403::Handshake denied} with
 * {@code ext.sfdc.failureReason "401::Authentication invalid"}; a connect with an expired session
 * is {@code 401::Authentication invalid} with {@code advice.reconnect none}; a subscription to an
 * unknown channel or with a replay id no longer retained is refused with Salesforce's 400 errors.
 * All are Bayeux errors over HTTP 200: an HTTP 401 on a CometD request stops the client for good.
 */
final class StreamingExtension implements BayeuxServer.Extension {

    static final String AUTHENTICATION_INVALID = "401::Authentication invalid";

    private final AccessTokens tokens;
    private final ChangeEventLog changeEvents;
    private final OrgSchema schema;

    StreamingExtension(AccessTokens tokens, ChangeEventLog changeEvents, OrgSchema schema) {
        this.tokens = tokens;
        this.changeEvents = changeEvents;
        this.schema = schema;
    }

    @Override
    public boolean rcvMeta(ServerSession from, ServerMessage.Mutable message) {
        if (from != null && from.isLocalSession()) {
            return true;
        }
        switch (message.getChannel()) {
            case Channel.META_CONNECT -> {
                if (!StreamingAuthPolicy.authorized(tokens, message)) {
                    var reply = refuse(message, AUTHENTICATION_INVALID);
                    reply.getAdvice(true).put(Message.RECONNECT_FIELD, Message.RECONNECT_NONE_VALUE);
                    return false;
                }
            }
            case Channel.META_SUBSCRIBE -> {
                var channel = String.valueOf(message.get(Message.SUBSCRIPTION_FIELD));
                if (!knownChannel(channel)) {
                    refuse(message, "400::The channel you requested to subscribe to does not exist {" + channel + "}")
                            .put(Message.SUBSCRIPTION_FIELD, channel);
                    return false;
                }
                long replayId = replayFrom(message, channel);
                if (!changeEvents.canReplayFrom(replayId)) {
                    refuse(message, "400::The replayId {" + replayId + "} you provided was invalid.  Please provide "
                            + "a valid ID, -2 to replay all events, or -1 to replay only new events.")
                            .put(Message.SUBSCRIPTION_FIELD, channel);
                    return false;
                }
            }
            default -> { }
        }
        return true;
    }

    @Override
    public boolean sendMeta(ServerSession to, ServerMessage.Mutable reply) {
        if (Channel.META_HANDSHAKE.equals(reply.getChannel())) {
            if (reply.isSuccessful()) {
                reply.getExt(true).put("replay", Boolean.TRUE);
                reply.getExt(true).put("payload.format", Boolean.TRUE);
            } else {
                reply.put(Message.ERROR_FIELD, "403::Handshake denied");
                reply.getExt(true).put("sfdc", Map.of("failureReason", AUTHENTICATION_INVALID));
                reply.getAdvice(true).put(Message.RECONNECT_FIELD, Message.RECONNECT_NONE_VALUE);
            }
        }
        return true;
    }

    /** Marks the reply to {@code message} as failed; CometD then sends it as it is. */
    private static ServerMessage.Mutable refuse(ServerMessage.Mutable message, String error) {
        var reply = message.getAssociated();
        reply.setSuccessful(false);
        reply.put(Message.ERROR_FIELD, error);
        if (reply instanceof ServerMessageImpl impl) {
            impl.setHandled(true);
        }
        return reply;
    }

    private boolean knownChannel(String channel) {
        if (channel.equals(ChangeEventLog.ALL_CHANGES)) {
            return true;
        }
        return channel.startsWith("/data/") && schema.byChangeEventName(channel.substring("/data/".length())).isPresent();
    }

    /** The replay id the subscriber asked for in {@code ext.replay}: -1 (new only) when absent. */
    static long replayFrom(ServerMessage message, String channel) {
        var ext = message.getExt();
        if (ext != null && ext.get("replay") instanceof Map<?, ?> replay && replay.get(channel) instanceof Number n) {
            return n.longValue();
        }
        return -1;
    }
}
