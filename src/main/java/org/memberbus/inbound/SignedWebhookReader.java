package org.memberbus.inbound;

/**
 * Reads one partner's signed webhooks: verifies the signature against that partner's secret,
 * then parses and validates the body as that partner's event type. Computes only; routes send.
 */
public final class SignedWebhookReader {

    private final WebhookSignature signature;
    private final InboundParser parser;
    private final String secret;
    private final Class<? extends InboundEvent> type;

    SignedWebhookReader(WebhookSignature signature, InboundParser parser, String secret,
                        Class<? extends InboundEvent> type) {
        this.signature = signature;
        this.parser = parser;
        this.secret = secret;
        this.type = type;
    }

    public InboundEvent read(String body, String signatureHeader) {
        signature.verify(secret, signatureHeader, body);
        return parser.parse(body, type);
    }

    /** A quarantined call again, for an operator: the same checks, except the signature's age. */
    public InboundEvent replay(String body, String signatureHeader) {
        signature.verifyIgnoringAge(secret, signatureHeader, body);
        return parser.parse(body, type);
    }
}
