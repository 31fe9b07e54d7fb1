package org.memberbus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** QR codes: what the bus signed verifies; an altered, foreign-keyed, expired or malformed code is refused with its reason. */
class CheckinTokensTest {

    final CheckinTokens tokens = new CheckinTokens("a-secret-of-enough-length");
    final Registration registration = new Registration("pi_1", "a03000000000001AAA", "003000000000001AAA", "pi_1",
            5000, Registration.REGISTERED, null, null);
    final Instant until = Instant.parse("2027-01-02T00:00:00Z");

    @Test
    void aCodeTheBusIssuedVerifiesUntilItExpires() {
        var token = tokens.issue(registration, until);
        assertThat(tokens.verify(token, until.minusSeconds(1)))
                .isEqualTo(new CheckinTokens.Claims("pi_1", "a03000000000001AAA", "003000000000001AAA", until));
        assertThatThrownBy(() -> tokens.verify(token, until.plusSeconds(1)))
                .isInstanceOf(EventsApiException.class).hasMessageContaining("expired");
    }

    @Test
    void anAlteredOrForeignCodeIsRefused() {
        var token = tokens.issue(registration, until);
        var parts = token.split("\\.");
        var other = tokens.issue(new Registration("pi_2", "a03000000000001AAA", "003000000000002AAA", "pi_2", 5000,
                Registration.REGISTERED, null, null), until).split("\\.");
        assertThatThrownBy(() -> tokens.verify(parts[0] + "." + other[1] + "." + parts[2], until.minusSeconds(5)))
                .isInstanceOf(EventsApiException.class).hasMessageContaining("signature")
                .satisfies(e -> assertThat(((EventsApiException) e).getStatus()).isEqualTo(403));
        var foreign = new CheckinTokens("another-secret-of-length").issue(registration, until);
        assertThatThrownBy(() -> tokens.verify(foreign, until.minusSeconds(5))).hasMessageContaining("signature");
        assertThatThrownBy(() -> tokens.verify("v1.abc", until)).hasMessageContaining("malformed");
        assertThatThrownBy(() -> tokens.verify("", until)).hasMessageContaining("required");
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        assertThatThrownBy(() -> new CheckinTokens("short")).hasMessageContaining("MEMBERBUS_CHECKIN_SECRET");
    }
}
