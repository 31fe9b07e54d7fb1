package org.memberbus.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The marketing automation's access token (OAuth 2 client credentials, an hour's life), held
 * between calls. camel-http's own OAuth 2 cache cannot be told that the partner refused a token
 * (Marketo's 601/602, with HTTP 200), so the sink logs in through a route of its own and this bean
 * keeps the answer, forgetting it on a refusal or a minute before it ends.
 */
@Component("marketingAccessToken")
public class MarketingAccessToken {

    private final String clientId;
    private final String clientSecret;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();
    private volatile String token;
    private volatile Instant validUntil = Instant.MIN;

    MarketingAccessToken(@Value("${memberbus.marketing.client-id}") String clientId,
                         @Value("${memberbus.marketing.client-secret}") String clientSecret, ObjectMapper json) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.json = json;
    }

    /** True when there is no usable token: the sink logs in first. */
    public boolean needed() {
        return token == null || !clock.instant().isBefore(validUntil);
    }

    /** The token request (form body, so the secret is not in a URL). */
    public String request() {
        return "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
    }

    /** Keeps the token of the identity endpoint's answer and marks the exchange as holding a fresh one. */
    public void remember(String answer, Exchange exchange) throws IOException {
        JsonNode body = json.readTree(answer);
        String accessToken = body.path("access_token").asText(null);
        if (accessToken == null) {
            // an error in Marketo's envelope (a gateway's rate limit, say) or OAuth's: tried again later
            String error = body.path("errors").path(0).path("code").asText(body.path("error").asText("none"));
            throw new PartnerSlowDownException("marketing identity endpoint answered no access_token (error " + error + ")", null);
        }
        long seconds = body.path("expires_in").asLong(3600);
        token = accessToken;
        validUntil = clock.instant().plusSeconds(Math.max(0, seconds - 60));
        exchange.setProperty("marketoFreshToken", true);
    }

    public String bearer() {
        return "Bearer " + token;
    }

    /** The partner refused the token: the next call logs in again. */
    public void forget() {
        token = null;
    }
}
