package org.memberbus.sandbox.gateway;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stripe's authentication on {@code /v1/*}: the secret key as a bearer token or as the user name of
 * HTTP basic authentication. Also gives each request its {@code Request-Id} and names the API
 * version in {@code Stripe-Version}, as Stripe's answers do.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    private final GatewaySettings settings;
    private final ErrorWriter errors;

    ApiKeyFilter(GatewaySettings settings, ErrorWriter errors) {
        this.settings = settings;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = "req_" + Ids.random(14);
        request.setAttribute(ApiRequest.ID_ATTRIBUTE, requestId);
        response.setHeader("Request-Id", requestId);
        response.setHeader("Stripe-Version", settings.apiVersion());
        String key = key(request.getHeader("Authorization"));
        if (key == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Stripe\"");
            errors.write(response, 401, StripeError.of("invalid_request_error", null,
                    "You did not provide an API key. You need to provide your API key in the Authorization header, "
                            + "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See "
                            + "https://stripe.com/docs/api#authentication for details, or we can help at "
                            + "https://support.stripe.com/.", null));
            return;
        }
        if (!MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), settings.apiKey().getBytes(StandardCharsets.UTF_8))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Stripe\"");
            errors.write(response, 401, StripeError.of("invalid_request_error", null,
                    "Invalid API Key provided: " + masked(key), null));
            return;
        }
        chain.doFilter(request, response);
    }

    private static String key(String authorization) {
        if (authorization == null) {
            return null;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                String user = decoded.contains(":") ? decoded.substring(0, decoded.indexOf(':')) : decoded;
                return user.isEmpty() ? null : user;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** Like Stripe: the key's kind and its last four characters, never the key. */
    private static String masked(String key) {
        int prefix = key.startsWith("sk_test_") || key.startsWith("sk_live_") ? 8 : 0;
        return key.length() <= prefix + 4 ? "****" : key.substring(0, prefix) + "*".repeat(key.length() - prefix - 4)
                + key.substring(key.length() - 4);
    }
}
