package org.memberbus.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Marketo says everything with HTTP 200: the sink reads the error code. */
class MarketoRepliesTest {

    final MarketoReplies replies = new MarketoReplies(new ObjectMapper());

    static String error(String code, String message) {
        return "{\"requestId\":\"e42b#14272d07d78\",\"success\":false,\"errors\":[{\"code\":\"" + code
                + "\",\"message\":\"" + message + "\"}]}";
    }

    @Test
    void successIsAccepted() {
        assertThat(replies.reply("{\"requestId\":\"a#1\",\"success\":true,\"result\":[{\"id\":7,\"status\":\"triggered\"}]}",
                null)).isEqualTo(MarketoReplies.ACCEPTED);
    }

    @Test
    void rateLimitsQuotaAndConcurrencyAreSlowDown() {
        assertThatThrownBy(() -> replies.reply(error("606", "Max rate limit '100' exceeded with in '20' secs"), null))
                .isInstanceOfSatisfying(PartnerSlowDownException.class, e -> {
                    assertThat(e.retryAfter()).isNull();
                    assertThat(e.longestWait()).isEqualTo(Duration.ofSeconds(20));
                });
        assertThatThrownBy(() -> replies.reply(error("607", "Daily quota reached"), null))
                .isInstanceOfSatisfying(PartnerSlowDownException.class,
                        e -> assertThat(e.retryAfter()).isGreaterThanOrEqualTo(Duration.ofHours(1)));
        assertThatThrownBy(() -> replies.reply(error("615", "Concurrent access limit reached"), null))
                .isInstanceOf(PartnerSlowDownException.class);
        assertThatThrownBy(() -> replies.reply(error("611", "System error"), null)).isInstanceOf(PartnerSlowDownException.class);
        assertThatThrownBy(() -> replies.reply("<html>bad gateway</html>", null)).isInstanceOf(PartnerSlowDownException.class);
    }

    @Test
    void anExpiredOrInvalidTokenMeansLogInAgainOnce() {
        assertThat(replies.reply(error("602", "Access token expired"), null)).isEqualTo(MarketoReplies.REAUTHENTICATE);
        assertThat(replies.reply(error("601", "Access token invalid"), false)).isEqualTo(MarketoReplies.REAUTHENTICATE);
        assertThatThrownBy(() -> replies.reply(error("601", "Access token invalid"), true))
                .as("refused right after logging in: not a loop").isInstanceOf(PartnerSlowDownException.class);
    }

    @Test
    void otherCodesAreARefusal() {
        assertThatThrownBy(() -> replies.reply(error("1013", "Campaign not found"), null))
                .isInstanceOf(PartnerRefusedException.class).hasMessageContaining("1013");
    }
}
