package org.memberbus.reporting.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A dead command's kind on the status page: the partner's status or the exception, never the rest of the text. */
class BrokerQueuesTest {

    @Test
    void aDeadCommandIsKindedByTheAnswerAloneNotItsText() {
        assertThat(BrokerQueues.answer("400 Bad Request: email jane@example.org is invalid")).isEqualTo("partner answered 400");
        assertThat(BrokerQueues.answer("RetryHorizonExceeded: the partner still said slow down")).isEqualTo("RetryHorizonExceeded");
        assertThat(BrokerQueues.answer(null)).isEqualTo("redelivery attempts used up");
        assertThat(BrokerQueues.answer("jane@example.org refused")).isEqualTo("refused");
    }

    @Test
    void pageTextIsEscaped() {
        assertThat(StatusPage.escape("<script>\"x\" & 'y'")).isEqualTo("&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;");
    }
}
