package org.memberbus.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Reading Marketo's lead activities: the campaign's "Request Campaign" run for the lead, page by page. */
class CampaignRunsTest {

    final ObjectMapper json = new ObjectMapper();
    final CampaignRuns runs = new CampaignRuns(new MarketoReplies(json), json);

    Exchange exchange(String body) {
        var exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty("campaign", "renewal-confirmation");
        exchange.setProperty("leadId", 42L);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    static String activity(int type, int lead, String campaign) {
        return "{\"id\":9,\"marketoGUID\":\"9\",\"leadId\":" + lead + ",\"activityDate\":\"2026-12-05T04:00:00Z\","
                + "\"activityTypeId\":" + type + ",\"primaryAttributeValueId\":1004,\"primaryAttributeValue\":\"" + campaign
                + "\",\"attributes\":[{\"name\":\"Source\",\"value\":\"Web Service API\"}]}";
    }

    @Test
    void theCampaignRunForTheLeadMeansItRanBefore() {
        var exchange = exchange("{\"requestId\":\"a#1\",\"success\":true,\"nextPageToken\":\"T2\",\"moreResult\":true,"
                + "\"result\":[" + activity(47, 42, "welcome") + "," + activity(47, 42, "renewal-confirmation") + "]}");
        runs.readActivities(exchange);
        assertThat(exchange.getProperty("marketoReply")).isEqualTo(CampaignRuns.RAN_BEFORE);
    }

    @Test
    void anEmptyPageWithMoreResultMeansReadOnAndTheLastPageWithoutTheRunMeansTrigger() {
        var empty = exchange("{\"requestId\":\"a#1\",\"success\":true,\"nextPageToken\":\"T2\",\"moreResult\":true}");
        runs.readActivities(empty);
        assertThat(empty.getProperty("marketoReply")).isEqualTo(CampaignRuns.PAGE);
        assertThat(empty.getProperty("nextPageToken")).isEqualTo("T2");

        var last = exchange("{\"requestId\":\"a#2\",\"success\":true,\"nextPageToken\":\"T3\",\"moreResult\":false,"
                + "\"result\":[" + activity(47, 42, "welcome") + "," + activity(47, 7, "renewal-confirmation") + "]}");
        runs.readActivities(last);
        assertThat(last.getProperty("marketoReply")).as("another campaign, another lead's run").isEqualTo(CampaignRuns.CHECKED);
    }

    @Test
    void aMemberWithoutALeadHasNoRunAndTheTokenStartsAtTheSendingSecond() {
        var none = exchange("{\"requestId\":\"a#1\",\"success\":true,\"result\":[]}");
        runs.readLead(none);
        assertThat(none.getProperty("marketoReply")).isEqualTo(CampaignRuns.CHECKED);

        var found = exchange("{\"requestId\":\"a#1\",\"success\":true,\"result\":[{\"id\":77,\"crmContactId\":\"003X\"}]}");
        runs.readLead(found);
        assertThat(found.getProperty("leadId")).isEqualTo(77L);
        found.setProperty("sendingSince", Instant.parse("2026-12-05T04:00:00.750Z"));
        assertThat(runs.pagingTokenQuery(found)).isEqualTo("sinceDatetime=2026-12-05T04%3A00%3A00Z");
    }

    @Test
    void anExpiredTokenAsksToLogInAgainAndARateLimitSlowsDown() {
        var expired = exchange("{\"requestId\":\"a#1\",\"success\":false,\"errors\":[{\"code\":\"602\",\"message\":\"Access token expired\"}]}");
        runs.readPagingToken(expired);
        assertThat(expired.getProperty("marketoReply")).isEqualTo(MarketoReplies.REAUTHENTICATE);
        assertThatThrownBy(() -> runs.readActivities(exchange(
                "{\"requestId\":\"a#1\",\"success\":false,\"errors\":[{\"code\":\"606\",\"message\":\"Max rate limit\"}]}")))
                .isInstanceOf(PartnerSlowDownException.class);
    }
}
