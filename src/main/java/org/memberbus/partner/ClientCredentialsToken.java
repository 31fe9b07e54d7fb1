package org.memberbus.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;

/**
 * A partner's OAuth 2 access token got with the app's own credentials (no user, no refresh token),
 * held between a sink's calls: fetched when none is held, a minute before it ends, or after the
 * partner refused it. One instance per partner (bean {@code marketingAccessToken}: Marketo's
 * {@code client_credentials} with the secret in the form; bean {@code webinarAccessToken}: Zoom's
 * Server-to-Server OAuth, {@code account_credentials} with the secret in HTTP basic), made in
 * {@link PartnerTokens}.
 *
 * <p>Spring Security's OAuth 2 client would fetch and cache such tokens too, but neither partner
 * fits it simply: Zoom's grant type is its own, and Marketo refuses a token inside an HTTP 200
 * answer (601/602), which the sink must be able to tell this cache. camel-http's own OAuth 2 cache
 * cannot be told either. So the sinks log in through their routes, and this class keeps the answer.
 */
public class ClientCredentialsToken {

    private final String partner;
    private final String request;
    private final String basic;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();
    private volatile String token;
    private volatile Instant validUntil = Instant.MIN;

    /**
     * @param partner for messages ("webinar platform")
     * @param request the token request's form body
     * @param basic   the token request's {@code Authorization} (HTTP basic), or null when the
     *                credentials are in the form
     */
    public ClientCredentialsToken(String partner, String request, String basic, ObjectMapper json) {
        this.partner = partner;
        this.request = request;
        this.basic = basic;
        this.json = json;
    }

    /** True when there is no usable token: the sink asks for one first. */
    public boolean needed() {
        return token == null || !clock.instant().isBefore(validUntil);
    }

    /** The token request's form body (so a secret is never in a URL). */
    public String request() {
        return request;
    }

    /** {@code Authorization} of the token request, when the partner takes the credentials so. */
    public String basic() {
        return basic;
    }

    /** Keeps the token of the token endpoint's answer; an answer without one is "slow down", tried again later. */
    public void remember(String answer) throws IOException {
        JsonNode body = json.readTree(answer);
        String accessToken = body.path("access_token").asText(null);
        if (accessToken == null) {
            // an error in Marketo's envelope (a gateway's rate limit, say) or OAuth's
            String error = body.path("errors").path(0).path("code").asText(body.path("error").asText("none"));
            throw new PartnerSlowDownException(partner + "'s token endpoint answered no access_token (error " + error + ")", null);
        }
        token = accessToken;
        validUntil = clock.instant().plusSeconds(Math.max(0, body.path("expires_in").asLong(3600) - 60));
    }

    /** As {@link #remember(String)}, and marks the exchange as holding a fresh token ({@code marketoFreshToken}). */
    public void remember(String answer, Exchange exchange) throws IOException {
        remember(answer);
        exchange.setProperty("marketoFreshToken", true);
    }

    public String bearer() {
        return "Bearer " + token;
    }

    /** The partner refused the token: the next call fetches another. */
    public void forget() {
        token = null;
    }

    /**
     * The partner's answer to a bearer call made without camel-http's own exception: 2xx passes; 401
     * (the token expired early or was revoked) forgets the token and asks for the command again
     * later with a new one; 429 and 5xx are "slow down" (Retry-After in seconds honoured); any other
     * 4xx refuses the command with the partner's reason.
     */
    public void check(Integer status, String retryAfter, String body) {
        int code = status == null ? 0 : status;
        if (code >= 200 && code < 300) {
            return;
        }
        if (code == 401) {
            forget();
            throw new PartnerSlowDownException(partner + " refused the access token (401): a new one next time", null);
        }
        if (code == 429 || code >= 500 || code == 0) {
            Duration wait = null;
            try {
                wait = retryAfter == null ? null : Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
            } catch (NumberFormatException e) {
                // an HTTP date or nothing usable: the sink's back-off decides
            }
            throw new PartnerSlowDownException(partner + " answered " + code, wait);
        }
        throw new PartnerRefusedException(partner + " refused the call (" + code + "): "
                + (body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body));
    }
}
