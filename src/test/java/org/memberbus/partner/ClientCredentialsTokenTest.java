package org.memberbus.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One token cache for both partners that log in with the app's own credentials (Marketo, Zoom). */
class ClientCredentialsTokenTest {

    final PartnerTokens tokens = new PartnerTokens();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void eachPartnerLogsInItsOwnWay() {
        var marketing = tokens.marketingAccessToken("id", "s&cret", json);
        assertThat(marketing.request()).isEqualTo("grant_type=client_credentials&client_id=id&client_secret=s%26cret");
        assertThat(marketing.basic()).isNull();
        var webinar = tokens.webinarAccessToken("acct 1", "id", "secret", json);
        assertThat(webinar.request()).isEqualTo("grant_type=account_credentials&account_id=acct+1");
        assertThat(webinar.basic()).isEqualTo("Basic aWQ6c2VjcmV0");
    }

    @Test
    void aTokenIsHeldUntilThePartnerRefusesItAndAnAnswerWithoutOneIsASlowDown() throws Exception {
        var token = tokens.webinarAccessToken("acct", "id", "secret", json);
        assertThat(token.needed()).isTrue();
        token.remember("{\"access_token\": \"t1\", \"expires_in\": 3600}");
        assertThat(token.needed()).isFalse();
        assertThat(token.bearer()).isEqualTo("Bearer t1");
        assertThatThrownBy(() -> token.check(401, null, "")).isInstanceOf(PartnerSlowDownException.class);
        assertThat(token.needed()).isTrue();
        // a token that would end within the minute is not held
        token.remember("{\"access_token\": \"t2\", \"expires_in\": 30}");
        assertThat(token.needed()).isTrue();
        assertThatThrownBy(() -> token.remember("{\"errors\": [{\"code\": \"606\"}]}"))
                .isInstanceOf(PartnerSlowDownException.class).hasMessageContaining("606");
    }

    @Test
    void anAnswerIsPassedSlowedDownWithItsRetryAfterOrRefused() {
        var token = tokens.webinarAccessToken("acct", "id", "secret", json);
        token.check(204, null, "");
        assertThatThrownBy(() -> token.check(429, "7", ""))
                .isInstanceOfSatisfying(PartnerSlowDownException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThatThrownBy(() -> token.check(503, null, "")).isInstanceOf(PartnerSlowDownException.class);
        assertThatThrownBy(() -> token.check(404, null, "{\"code\": 3027, \"message\": \"Registrant not found.\"}"))
                .isInstanceOf(PartnerRefusedException.class).hasMessageContaining("Registrant not found");
    }
}
