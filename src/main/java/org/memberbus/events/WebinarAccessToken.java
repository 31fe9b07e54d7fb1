package org.memberbus.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.memberbus.partner.PartnerSlowDownException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The webinar platform's access token: Zoom's Server-to-Server OAuth ({@code account_credentials}
 * grant, the app's client id and secret in HTTP basic, an hour's life, no refresh token), held
 * between the sink's calls and fetched again a minute before it ends or after the platform
 * refused it.
 */
@Component("webinarAccessToken")
public class WebinarAccessToken {

    private final String accountId;
    private final String basic;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();
    private volatile String token;
    private volatile Instant validUntil = Instant.MIN;

    WebinarAccessToken(@Value("${memberbus.webinar.account-id}") String accountId,
                       @Value("${memberbus.webinar.client-id}") String clientId,
                       @Value("${memberbus.webinar.client-secret}") String clientSecret, ObjectMapper json) {
        this.accountId = accountId;
        this.basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        this.json = json;
    }

    /** True when there is no usable token: the sink asks for one first. */
    public boolean needed() {
        return token == null || !clock.instant().isBefore(validUntil);
    }

    /** The token request's form body. */
    public String request() {
        return "grant_type=account_credentials&account_id=" + URLEncoder.encode(accountId, StandardCharsets.UTF_8);
    }

    /** {@code Authorization} of the token request. */
    public String basic() {
        return basic;
    }

    public void remember(String answer) throws IOException {
        JsonNode body = json.readTree(answer);
        String accessToken = body.path("access_token").asText(null);
        if (accessToken == null) {
            throw new PartnerSlowDownException("webinar platform's token endpoint answered no access_token (error "
                    + body.path("error").asText("none") + ")", null);
        }
        token = accessToken;
        validUntil = clock.instant().plusSeconds(Math.max(0, body.path("expires_in").asLong(3600) - 60));
    }

    public String bearer() {
        return "Bearer " + token;
    }

    /** The platform refused the token (401): the next call fetches another. */
    public void forget() {
        token = null;
    }

    /**
     * The platform's answer to a call (made without camel-http's own exception): 2xx passes; 401 (the
     * token expired early or was revoked) forgets the token and asks for the command again later
     * with a new one; 429 and 5xx are "slow down" (Retry-After honoured); any other 4xx refuses the
     * command with Zoom's reason ({@code {"code", "message"}}).
     */
    public void check(Integer status, String retryAfter, String body) {
        int code = status == null ? 0 : status;
        if (code >= 200 && code < 300) {
            return;
        }
        if (code == 401) {
            forget();
            throw new PartnerSlowDownException("webinar platform refused the access token (401): a new one next time", null);
        }
        if (code == 429 || code >= 500 || code == 0) {
            java.time.Duration wait = null;
            try {
                wait = retryAfter == null ? null : java.time.Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
            } catch (NumberFormatException e) {
                // an HTTP date or nothing usable: the sink's back-off decides
            }
            throw new PartnerSlowDownException("webinar platform answered " + code, wait);
        }
        throw new org.memberbus.partner.PartnerRefusedException("webinar platform refused the call (" + code + "): "
                + (body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body));
    }
}
