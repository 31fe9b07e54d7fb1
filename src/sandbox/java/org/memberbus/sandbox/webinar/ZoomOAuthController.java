package org.memberbus.sandbox.webinar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Zoom's Server-to-Server OAuth: {@code POST /oauth/token} with {@code grant_type=account_credentials}
 * and {@code account_id} (query or form) and the app's client id and secret in HTTP basic.
 */
@RestController
class ZoomOAuthController {

    private final ZoomTokens tokens;
    private final String accountId;
    private final String clientId;
    private final String clientSecret;

    ZoomOAuthController(ZoomTokens tokens, @Value("${sandbox.webinar.account-id:memberbus-sandbox-account}") String accountId,
                        @Value("${sandbox.webinar.client-id:memberbus-sandbox}") String clientId,
                        @Value("${sandbox.webinar.client-secret:sandbox-secret}") String clientSecret) {
        this.tokens = tokens;
        this.accountId = accountId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @PostMapping("/oauth/token")
    ResponseEntity<Map<String, Object>> token(@RequestParam(name = "grant_type", required = false) String grantType,
                                              @RequestParam(name = "account_id", required = false) String account,
                                              @RequestHeader(name = "Authorization", required = false) String authorization) {
        if (!"account_credentials".equals(grantType)) {
            return ResponseEntity.status(400).body(Map.of("reason", "unsupported grant type", "error", "unsupported_grant_type"));
        }
        if (!basic(authorization)) {
            return ResponseEntity.status(400).body(Map.of("reason", "Invalid client_id or client_secret", "error", "invalid_client"));
        }
        if (!accountId.equals(account)) {
            return ResponseEntity.status(400).body(Map.of("reason", "Invalid account_id", "error", "invalid_request"));
        }
        var answer = new LinkedHashMap<String, Object>();
        answer.put("access_token", tokens.issue());
        answer.put("token_type", "bearer");
        answer.put("expires_in", tokens.ttlSeconds());
        answer.put("scope", "webinar:read:admin webinar:write:admin report:read:admin");
        return ResponseEntity.ok(answer);
    }

    private boolean basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(decoded.getBytes(StandardCharsets.UTF_8),
                (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    }
}
