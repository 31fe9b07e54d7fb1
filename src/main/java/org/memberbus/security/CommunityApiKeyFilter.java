package org.memberbus.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The community platform's own credential for its permission checks: an API key in
 * {@code X-Api-Key} (as the bus itself calls the community), compared in constant time, giving
 * role COMMUNITY and nothing else. Checked on every call the community makes before it serves a
 * page, so it must cost microseconds: a configured user's password is a bcrypt hash, whose check
 * per request (tens of ms of CPU) would make 500 checks a second impossible on two cores. Only
 * under {@code /api/v1/access/} and on the events' offer ({@code GET /api/v1/events/{id}/offer},
 * asked at every ticket page view); a wrong key is 401. No key configured: the filter does nothing.
 */
final class CommunityApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";
    /** The community's real-time price question (events): GET /api/v1/events/{eventId}/offer. */
    static final java.util.regex.Pattern OFFER = java.util.regex.Pattern.compile("/api/v1/events/[^/]+/offer");
    /** The community's price question for a certification application (org.memberbus.certification). */
    static final String APPLICATION_FEE = "/api/v1/certification/application-fee";

    private final byte[] key;
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    CommunityApiKeyFilter(String key) {
        this.key = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return key.length == 0 || request.getHeader(HEADER) == null
                || !(path.startsWith("/api/v1/access/") || OFFER.matcher(path).matches() || path.equals(APPLICATION_FEE));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var given = request.getHeader(HEADER).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, key)) {
            response.setStatus(401);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"the API key is not the community's\"}");
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("community-api-key", null,
                List.of(new SimpleGrantedAuthority("ROLE_" + SecurityConfig.COMMUNITY))));
        SecurityContextHolder.setContext(context);
        // kept with the request as HTTP basic's is: Camel answers on an async dispatch, which the
        // authorization filter checks again (SecurityContextHolderFilter clears the holder after)
        repository.saveContext(context, request, response);
        chain.doFilter(request, response);
    }
}
