package org.memberbus.sandbox.salesforce;

import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerChannel;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;
import org.cometd.bayeux.server.SecurityPolicy;

/**
 * Admits a Streaming API handshake only with a live session in {@code Authorization: OAuth <token>}
 * (Bearer works too). A refused handshake is turned into Salesforce's answer by
 * {@link StreamingExtension}.
 */
final class StreamingAuthPolicy implements SecurityPolicy {

    private final AccessTokens tokens;

    StreamingAuthPolicy(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean canHandshake(BayeuxServer server, ServerSession session, ServerMessage message) {
        return session.isLocalSession() || authorized(tokens, message);
    }

    /** Channels come into being when first subscribed; which ones exist is the extension's check. */
    @Override
    public boolean canCreate(BayeuxServer server, ServerSession session, String channelId, ServerMessage message) {
        return true;
    }

    @Override
    public boolean canSubscribe(BayeuxServer server, ServerSession session, ServerChannel channel,
                                ServerMessage message) {
        return true;
    }

    /** Clients only listen: change events come from the org. */
    @Override
    public boolean canPublish(BayeuxServer server, ServerSession session, ServerChannel channel,
                              ServerMessage message) {
        return session != null && session.isLocalSession();
    }

    static boolean authorized(AccessTokens tokens, ServerMessage message) {
        var context = message.getBayeuxContext();
        var header = context == null ? null : context.getHeader("Authorization");
        return tokens.use(AccessTokens.fromHeader(header)).isPresent();
    }
}
