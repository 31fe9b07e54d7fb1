package org.memberbus.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class WebhookContentTypeFilterTest {

    private final WebhookContentTypeFilter filter = new WebhookContentTypeFilter(new ObjectMapper());

    @ParameterizedTest
    @CsvSource({
            "application/x-www-form-urlencoded, 415",
            "text/plain, 415",
            "not a type, 415",
            "application/json, 200",
            "application/json; charset=utf-8, 200",
            "application/vnd.partner+json, 200"})
    void aWebhookBodyMustBeDeclaredJson(String contentType, int status) throws Exception {
        var request = new MockHttpServletRequest("POST", "/webhooks/community");
        request.setContentType(contentType);
        request.setContent("{\"id\":\"evt_x\"}".getBytes());
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();
        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(chain.getRequest() != null).isEqualTo(status == 200);
        if (status == 415) {
            assertThat(response.getContentAsString()).contains("webhook bodies are JSON");
        }
    }
}
