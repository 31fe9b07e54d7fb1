package org.memberbus.sandbox.marketing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every REST call carries the access token, in {@code Authorization: Bearer <token>} (or, as
 * Marketo still accepts, an {@code access_token} query parameter). Missing: 600; unknown: 601;
 * expired: 602, the cue to fetch a new token and retry. All with HTTP 200, as Marketo answers them.
 */
class BearerTokenCheck implements HandlerInterceptor {

    private final AccessTokens tokens;

    BearerTokenCheck(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        var header = request.getHeader("Authorization");
        var token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim() : request.getParameter("access_token");
        if (token == null || token.isBlank()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            return MarketoErrors.refuse(response, 200, "600", "Access token not specified");
        }
        return switch (tokens.check(token)) {
            case VALID -> true;
            case EXPIRED -> {
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"expired\"");
                yield MarketoErrors.refuse(response, 200, "602", "Access token expired");
            }
            case INVALID -> {
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                yield MarketoErrors.refuse(response, 200, "601", "Access token invalid");
            }
        };
    }
}
