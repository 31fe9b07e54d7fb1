package org.memberbus.sandbox.marketing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Marketo's identity endpoint: {@code GET|POST /identity/oauth/token?grant_type=client_credentials
 * &client_id=...&client_secret=...} (also at {@code /oauth/token}; parameters in the query or a
 * form body, or the client in HTTP Basic). Answers {@code {"access_token", "token_type": "bearer",
 * "expires_in", "scope"}}; errors are OAuth 2.0's ({@code {"error", "error_description"}}).
 */
@RestController
class IdentityController {

    record Token(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
                 @JsonProperty("expires_in") long expiresIn, String scope) {}

    static final String SCOPE = "apis@memberbus.sandbox";

    private final AccessTokens tokens;

    IdentityController(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @RequestMapping(path = {"/identity/oauth/token", "/oauth/token"}, method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<?> token(@RequestParam(name = "grant_type", required = false) String grantType,
                            @RequestParam(name = "client_id", required = false) String clientId,
                            @RequestParam(name = "client_secret", required = false) String clientSecret,
                            @RequestHeader(name = "Authorization", required = false) String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            var pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8)
                    .split(":", 2);
            clientId = pair[0];
            clientSecret = pair.length > 1 ? pair[1] : null;
        }
        if (grantType == null) {
            return oauthError(400, "invalid_request", "grant_type is required");
        }
        if (!"client_credentials".equals(grantType)) {
            return oauthError(400, "unsupported_grant_type", "Unsupported grant type: " + grantType);
        }
        if (clientId == null || clientSecret == null) {
            return oauthError(400, "invalid_request", "client_id and client_secret are required");
        }
        if (!tokens.authenticates(clientId, clientSecret)) {
            return oauthError(401, "unauthorized", "Bad client credentials");
        }
        var issued = tokens.issue();
        return ResponseEntity.ok(new Token(issued.accessToken(), "bearer", issued.expiresIn(), SCOPE));
    }

    private static ResponseEntity<?> oauthError(int status, String error, String description) {
        return ResponseEntity.status(status).body(Map.of("error", error, "error_description", description));
    }
}
