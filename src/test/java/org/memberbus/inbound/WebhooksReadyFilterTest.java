package org.memberbus.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class WebhooksReadyFilterTest {

    private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
    private final WebhooksReadyFilter filter = new WebhooksReadyFilter(availability, new ObjectMapper(), 10);

    @Test
    void aWebhookBeforeTheBusIsReadyIsAskedToComeAgainNotRefused() throws Exception {
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("POST", "/webhooks/community"), response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("10");
        assertThat(response.getContentAsString()).contains("\"reason\":\"the bus is starting or stopping\"");
        assertThat(chain.getRequest()).as("the webhook route is not reached").isNull();
    }

    @Test
    void aWebhookOnceTheBusIsReadyGoesThrough() throws Exception {
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(new StaticApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC));
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("POST", "/webhooks/community"), response, chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
    }
}
