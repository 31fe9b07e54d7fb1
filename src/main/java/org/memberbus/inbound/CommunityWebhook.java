package org.memberbus.inbound;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Checks and reads the community platform's signed webhooks. Computes only; the route sends. */
@Component("communityWebhook")
public class CommunityWebhook {

    private final WebhookSignature signature;
    private final InboundParser parser;
    private final String secret;

    CommunityWebhook(WebhookSignature signature, InboundParser parser,
                     @Value("${memberbus.community.webhook-secret}") String secret) {
        this.signature = signature;
        this.parser = parser;
        this.secret = secret;
    }

    public CommunityEvent read(String body, String signatureHeader) {
        signature.verify(secret, signatureHeader, body);
        return parser.parse(body, CommunityEvent.class);
    }
}
