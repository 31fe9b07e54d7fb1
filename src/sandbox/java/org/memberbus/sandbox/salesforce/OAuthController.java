package org.memberbus.sandbox.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Salesforce's OAuth 2.0 endpoints, served on the login host and the instance host alike (they
 * are one server here): the token endpoint with the username-password, client-credentials,
 * refresh-token and JWT bearer grants, token revocation, and the identity URL. The instance URL
 * handed out uses 127.0.0.1, never "localhost": the client's cookie store would rename that
 * domain and CometD would lose its session cookie.
 */
@RestController
class OAuthController {

    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final SalesforceSettings settings;
    private final AccessTokens tokens;
    private final SObjectStore store;
    private final ConnectedAppCertificate certificate;
    private final ObjectMapper json = new ObjectMapper();

    OAuthController(SalesforceSettings settings, AccessTokens tokens, SObjectStore store, ConnectedAppCertificate certificate) {
        this.settings = settings;
        this.tokens = tokens;
        this.store = store;
        this.certificate = certificate;
    }

    @PostMapping(path = "/services/oauth2/token", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> token(@RequestParam Map<String, String> form, HttpServletRequest request) {
        var grant = form.getOrDefault("grant_type", "");
        if (!settings.clientId().equals(form.get("client_id")) && !grant.equals(JWT_BEARER)) {
            return error("invalid_client_id", "client identifier invalid");
        }
        String userId;
        switch (grant) {
            case "password" -> {
                if (!settings.clientSecret().equals(form.get("client_secret"))) {
                    return error("invalid_client", "invalid client credentials");
                }
                var user = user(form.get("username"));
                if (user.isEmpty() || !settings.password().equals(form.get("password"))) {
                    return error("invalid_grant", "authentication failure");
                }
                userId = user.get();
            }
            case "client_credentials" -> {
                if (!settings.clientSecret().equals(form.get("client_secret"))) {
                    return error("invalid_client", "invalid client credentials");
                }
                userId = SalesforceSettings.INTEGRATION_USER_ID;   // the connected app's run-as user
            }
            case "refresh_token" -> {
                var secret = form.get("client_secret");
                if (secret != null && !settings.clientSecret().equals(secret)) {
                    return error("invalid_client", "invalid client credentials");
                }
                if (!settings.refreshToken().equals(form.get("refresh_token"))) {
                    return error("invalid_grant", "expired access/refresh token");
                }
                userId = SalesforceSettings.INTEGRATION_USER_ID;
            }
            case JWT_BEARER -> {
                // OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration: an RS256 assertion signed
                // with the key of the certificate uploaded to the connected app; iss the consumer key,
                // sub the username, aud the login URL, exp not past
                var assertion = form.get("assertion");
                var claims = jwtClaims(assertion);
                if (claims == null || !signed(assertion)) {
                    return error("invalid_grant", "invalid assertion");
                }
                if (!settings.clientId().equals(String.valueOf(claims.get("iss")))) {
                    return error("invalid_client_id", "client identifier invalid");
                }
                if (!audiences(request).contains(trimSlash(String.valueOf(claims.get("aud"))))) {
                    return error("invalid_grant", "audience is invalid");
                }
                if (expired(claims.get("exp"))) {
                    return error("invalid_grant", "expired authorization code");
                }
                var user = user(String.valueOf(claims.get("sub")));
                if (user.isEmpty()) {
                    return error("invalid_grant", "user hasn't approved this consumer");
                }
                userId = user.get();
            }
            default -> {
                return ResponseEntity.badRequest().body(Map.of("error", "unsupported_grant_type",
                        "error_description", "grant type not supported"));
            }
        }
        var instanceUrl = "http://127.0.0.1:" + request.getLocalPort();
        var id = instanceUrl + "/id/" + SalesforceSettings.ORG_ID + "/" + userId;
        var issuedAt = String.valueOf(Instant.now().toEpochMilli());
        var body = new LinkedHashMap<String, Object>();
        body.put("access_token", tokens.issue(userId));
        body.put("signature", signature(id + issuedAt));
        body.put("scope", "api refresh_token");
        body.put("instance_url", instanceUrl);
        body.put("id", id);
        body.put("token_type", "Bearer");
        body.put("issued_at", issuedAt);
        return ResponseEntity.ok(body);
    }

    @RequestMapping(path = "/services/oauth2/revoke", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Object> revoke(@RequestParam(name = "token", required = false) String token) {
        if (tokens.revoke(token)) {
            return ResponseEntity.ok().build();
        }
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(Map.of(
                "error", "unsupported_token_type", "error_description", "this token type is not supported"));
    }

    /** The identity URL of the {@code id} field. */
    @GetMapping(path = "/id/{orgId}/{userId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> identity(@PathVariable String orgId, @PathVariable String userId,
                                    @RequestHeader(name = "Authorization", required = false) String authorization) {
        if (tokens.use(AccessTokens.fromHeader(authorization)).isEmpty()) {
            return ResponseEntity.status(403).body("Bad_OAuth_Token");
        }
        var users = store.schema().require("User");
        var user = store.find(userId).filter(u -> orgId.equals(SalesforceSettings.ORG_ID));
        if (user.isEmpty() || !userId.startsWith(users.keyPrefix())) {
            return ResponseEntity.status(404).body("Bad_Id");
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("id", "/id/" + orgId + "/" + userId);
        body.put("user_id", userId);
        body.put("organization_id", orgId);
        body.put("username", user.get().get("Username"));
        body.put("display_name", user.get().get("Name"));
        body.put("email", user.get().get("Email"));
        body.put("active", true);
        body.put("user_type", "STANDARD");
        return ResponseEntity.ok(body);
    }

    /** The assertion's RS256 signature checks out against the connected app's certificate. */
    private boolean signed(String assertion) {
        var parts = assertion.split("\\.");
        if (parts.length != 3 || !"RS256".equals(String.valueOf(segment(parts[0]).get("alg")))) {
            return false;
        }
        return certificate.verifies(parts[0] + "." + parts[1], parts[2]);
    }

    /**
     * The audiences this org's login server accepts: Salesforce's own login hosts, and this
     * server's address as the client reached it (its login URL here).
     */
    private static java.util.Set<String> audiences(HttpServletRequest request) {
        var port = request.getLocalPort();
        var audiences = new java.util.HashSet<>(java.util.Set.of("https://login.salesforce.com", "https://test.salesforce.com",
                "http://localhost:" + port, "http://127.0.0.1:" + port));
        var host = request.getHeader("Host");
        if (host != null) {
            audiences.add(request.getScheme() + "://" + host);
        }
        return audiences;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private Optional<String> user(String username) {
        if (username == null) {
            return Optional.empty();
        }
        var users = store.schema().require("User");
        return store.records(users, false).stream()
                .filter(u -> username.equalsIgnoreCase((String) u.get("Username")))
                .filter(u -> Boolean.TRUE.equals(u.get("IsActive")))
                .map(u -> (String) u.get("Id"))
                .findFirst();
    }

    /** The claims of a JWT; read leniently (padding kept, exp possibly a quoted string). */
    private Map<String, Object> jwtClaims(String assertion) {
        if (assertion == null) {
            return null;
        }
        var parts = assertion.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        var claims = segment(parts[1]);
        return claims.isEmpty() ? null : claims;
    }

    /** One base64url JSON segment of a JWT, empty when it is not one. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> segment(String part) {
        try {
            var decoded = Base64.getUrlDecoder().decode(part.replace("=", "").replace('+', '-').replace('/', '_'));
            return json.readValue(decoded, Map.class);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Map.of();
        }
    }

    private static boolean expired(Object exp) {
        if (exp == null) {
            return true;
        }
        try {
            long seconds = exp instanceof Number n ? n.longValue() : Long.parseLong(exp.toString().trim());
            return Instant.ofEpochSecond(seconds).isBefore(Instant.now());
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Salesforce's signature: Base64 HMAC-SHA256 of id + issued_at, keyed with the client secret. */
    private String signature(String value) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseEntity<Map<String, Object>> error(String error, String description) {
        return ResponseEntity.badRequest().body(Map.of("error", error, "error_description", description));
    }
}
