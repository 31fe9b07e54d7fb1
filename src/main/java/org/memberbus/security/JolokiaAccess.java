package org.memberbus.security;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jolokia.json.JSONArray;
import org.jolokia.json.JSONObject;
import org.jolokia.json.parser.JSONParser;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.request.JolokiaRequestFactory;
import org.jolokia.server.core.request.ProcessingParameters;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Spring Security's decision for Jolokia ({@code /actuator/jolokia/**} and Hawtio's forward to it,
 * {@code /actuator/hawtio/jolokia/**}). Jolokia's own restrictor cannot see Spring's roles, so the
 * request is read here with Jolokia's own parser (the GET path, or every element of a POST body,
 * which may be a bulk array) and each part is checked against {@link JolokiaPolicy}. A request
 * this cannot read, or a body over {@link CachedBodyRequest#LIMIT}, is refused unless the user is
 * ADMIN.
 */
final class JolokiaAccess implements AuthorizationManager<RequestAuthorizationContext> {

    /** Where the Jolokia path starts: after {@code .../jolokia} of the endpoint or of Hawtio's forward. */
    private static final Pattern PREFIX = Pattern.compile("^.*?/jolokia(?=/|$)");
    private static final Pattern FIRST_ELEMENT = Pattern.compile("^/?[^/]+/");

    private final RoleHierarchy roles;

    JolokiaAccess(RoleHierarchy roles) {
        this.roles = roles;
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        var auth = authentication.get();
        if (auth == null || !auth.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        var role = Role.highest(roles.getReachableGrantedAuthorities(auth.getAuthorities()));
        if (role == Role.ADMIN) {
            return new AuthorizationDecision(true);   // no need to read the body at all
        }
        if (role == null) {
            return new AuthorizationDecision(false);
        }
        var requests = requestsOf(context.getRequest());
        return new AuthorizationDecision(!requests.isEmpty()
                && requests.stream().allMatch(r -> JolokiaPolicy.allows(role, r)));
    }

    /** What Jolokia would execute for this HTTP request; empty when it cannot be read. */
    static List<JolokiaRequest> requestsOf(HttpServletRequest http) {
        try {
            if (HttpMethod.GET.matches(http.getMethod())) {
                var p = http.getParameter(ConfigKey.PATH_QUERY_PARAM.getKeyValue());
                var params = new ProcessingParameters(p == null ? Map.of() : Map.of(ConfigKey.PATH_QUERY_PARAM, p));
                return List.of(JolokiaRequestFactory.createGetRequest(pathInfo(http), params));
            }
            var cached = CachedBodyRequest.in(http);
            if (HttpMethod.POST.matches(http.getMethod()) && cached != null) {
                var body = cached.body();
                if (body == null) {
                    return List.of();
                }
                var charset = http.getCharacterEncoding() == null ? Charset.defaultCharset()
                        : Charset.forName(http.getCharacterEncoding());
                var json = new JSONParser().parse(new InputStreamReader(new ByteArrayInputStream(body), charset));
                var params = new ProcessingParameters(Map.of());
                if (json instanceof JSONArray bulk) {
                    return JolokiaRequestFactory.createPostRequests(bulk, params);
                }
                if (json instanceof JSONObject single) {
                    return List.of(JolokiaRequestFactory.createPostRequest(single, params));
                }
            }
            return List.of();
        } catch (Exception | LinkageError e) {
            // not a request Jolokia would run either (it answers 400): nothing to allow
            return List.of();
        }
    }

    /**
     * The path Jolokia's servlet would see, from the decoded servlet path (the endpoint's servlet, or
     * the dispatcher at Hawtio's forwarding path). Like Jolokia, where the URI holds an escaped
     * trailing slash ({@code !//}) that the container collapsed, it is taken from the URI instead.
     */
    static String pathInfo(HttpServletRequest http) throws IOException {
        var full = http.getServletPath() + (http.getPathInfo() == null ? "" : http.getPathInfo());
        var path = PREFIX.matcher(full).replaceFirst("");
        var uri = http.getRequestURI();
        if (uri.contains("!//")) {
            var first = FIRST_ELEMENT.matcher(path);
            if (first.find()) {
                var prefix = first.group();
                return URLDecoder.decode(uri.replaceFirst("^.*?" + Pattern.quote(prefix), prefix), StandardCharsets.UTF_8);
            }
        }
        return path;
    }
}
