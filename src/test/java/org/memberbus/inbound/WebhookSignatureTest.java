package org.memberbus.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    static final long NOW = 1_795_400_000L;
    final WebhookSignature verifier = new WebhookSignature(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), 300);

    @Test
    void matchesTheStripeSchemeComputedIndependently() {
        // printf '1795400000.{}' | openssl dgst -sha256 -hmac secret
        assertThat(WebhookSignature.sign("secret", NOW, "{}"))
                .isEqualTo("t=1795400000,v1=1a34cbecea90ecad108c260273c39f16d445239b054c494e98a1bdbe5f734047");
    }

    @Test
    void acceptsAFreshSignatureOfTheBody() {
        verifier.verify("whsec", WebhookSignature.sign("whsec", NOW - 10, "{\"a\":1}"), "{\"a\":1}");
    }

    @Test
    void refusesATamperedBodyAWrongSecretAnOldTimestampAndGarbage() {
        var header = WebhookSignature.sign("whsec", NOW, "{\"a\":1}");
        assertRejected(() -> verifier.verify("whsec", header, "{\"a\":2}"), "signature does not match the body");
        assertRejected(() -> verifier.verify("other", header, "{\"a\":1}"), "signature does not match the body");
        assertRejected(() -> verifier.verify("whsec", WebhookSignature.sign("whsec", NOW - 301, "{}"), "{}"),
                "signature timestamp outside the tolerance of 300 s");
        assertRejected(() -> verifier.verify("whsec", null, "{}"), "missing signature header");
        assertRejected(() -> verifier.verify("whsec", "v1=abc", "{}"), "signature header must be t=<timestamp>,v1=<hmac>");
        assertRejected(() -> verifier.verify("whsec", "t=x,v1=abc", "{}"), "signature timestamp is not a number");
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOf(InboundRejectedException.class).hasMessage(reason)
                .extracting("status").isEqualTo(401);
    }
}
