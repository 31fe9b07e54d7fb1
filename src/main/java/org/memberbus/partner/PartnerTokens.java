package org.memberbus.partner;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The partners' access tokens: one {@link ClientCredentialsToken} each, differing only in how they log in. */
@Configuration(proxyBeanMethods = false)
class PartnerTokens {

    /** Marketo: {@code client_credentials}, client id and secret in the form. */
    @Bean("marketingAccessToken")
    ClientCredentialsToken marketingAccessToken(@Value("${memberbus.marketing.client-id}") String clientId,
                                                @Value("${memberbus.marketing.client-secret}") String clientSecret,
                                                ObjectMapper json) {
        return new ClientCredentialsToken("marketing automation", "grant_type=client_credentials&client_id="
                + form(clientId) + "&client_secret=" + form(clientSecret), null, json);
    }

    /** Zoom's Server-to-Server OAuth: {@code account_credentials} for the account, the app's id and secret in HTTP basic. */
    @Bean("webinarAccessToken")
    ClientCredentialsToken webinarAccessToken(@Value("${memberbus.webinar.account-id}") String accountId,
                                              @Value("${memberbus.webinar.client-id}") String clientId,
                                              @Value("${memberbus.webinar.client-secret}") String clientSecret,
                                              ObjectMapper json) {
        return new ClientCredentialsToken("webinar platform", "grant_type=account_credentials&account_id=" + form(accountId),
                "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)),
                json);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
