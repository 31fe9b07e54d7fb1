package org.memberbus.security;

import static org.springframework.security.config.Customizer.withDefaults;

import java.util.function.Supplier;
import jakarta.servlet.DispatcherType;
import org.springframework.security.config.observation.SecurityObservationSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may do what. Webhooks carry their own signature and are open here; health is open so a
 * load balancer can probe it; everything else needs a user with a role (ADMIN &gt; OPERATOR &gt; VIEWER,
 * each allowed what the lower ones are): the API's GETs need VIEWER, its other methods OPERATOR;
 * Jolokia (and so Hawtio's console) is decided request by request by {@link JolokiaAccess}.
 * Users are configured ({@link UsersProperties}: form login and HTTP basic) or come from an OpenID
 * Connect issuer as bearer tokens ({@link OidcProperties}). Hawtio sits behind form login with a
 * CSRF cookie its console reads (Hawtio's Spring Boot guide).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({UsersProperties.class, OidcProperties.class})
class SecurityConfig {

    static final String VIEWER = "VIEWER";
    static final String OPERATOR = "OPERATOR";
    static final String ADMIN = "ADMIN";
    /** The community platform as a client (access decisions): no staff right, and no staff user has it. */
    static final String COMMUNITY = "COMMUNITY";
    /** A check-in kiosk (events): it may only check people in, nothing else (no staff right). */
    static final String KIOSK = "KIOSK";

    /**
     * No Micrometer observation of each security filter, authentication and authorization: with
     * them every request (and Camel's async dispatch of it again) built and timed an observation
     * per filter, a measurable share of the community's permission checks (the HTTP request's own
     * metrics, http.server.requests, stay).
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(ADMIN).implies(OPERATOR)
                .role(OPERATOR).implies(VIEWER)
                .build();
    }

    /**
     * Outside the sandbox there is no default user: with none configured and no issuer the bus
     * refuses to start, before anything else is built, with one line ({@link NoUsersFailureAnalyzer}).
     */
    @Bean
    static BeanFactoryPostProcessor usersRequired(Environment environment) {
        return beanFactory -> {
            var binder = Binder.get(environment);
            var users = binder.bind("memberbus.security.users", Bindable.listOf(UsersProperties.UserEntry.class))
                    .orElse(List.of());
            var issuer = binder.bind("memberbus.security.oidc.issuer-uri", String.class).orElse("");
            var jwks = binder.bind("memberbus.security.oidc.jwk-set-uri", String.class).orElse("");
            if (users.isEmpty() && !StringUtils.hasText(issuer) && !StringUtils.hasText(jwks)) {
                throw new NoUsersException();
            }
        };
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, RoleHierarchy roles, WebEndpointProperties endpoints,
                                    OidcProperties oidc,
                                    @org.springframework.beans.factory.annotation.Value("${memberbus.access.community-api-key:}")
                                    String communityApiKey) throws Exception {
        // Jolokia itself and Hawtio's forward to it
        var base = endpoints.getBasePath();
        RequestMatcher jolokia = request -> {
            var path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            return path.equals(base + "/jolokia") || path.startsWith(base + "/jolokia/")
                    || path.equals(base + "/hawtio/jolokia") || path.startsWith(base + "/hawtio/jolokia/");
        };
        RequestMatcher machines = new OrRequestMatcher(jolokia, request -> {
            var path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            return path.startsWith("/api/");
        });
        http.authorizeHttpRequests(auth -> auth
                        // an error page only renders the status the request already got
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/webhooks/**").permitAll()
                        // Open Badges 3.0 credentials and the issuer key: public, anyone may verify a badge
                        .requestMatchers(HttpMethod.GET, "/badges/**").permitAll()
                        // a payer's receipt (finance.receipts): the link's token is the secret, as the gateway's receipt URLs
                        .requestMatchers(HttpMethod.GET, "/receipts/*").permitAll()
                        .requestMatchers(EndpointRequest.to("health", "info")).permitAll()
                        .requestMatchers(jolokia).access(new JolokiaAccess(roles))
                        // payments held for staff name members and amounts: operators only (finance.dues)
                        .requestMatchers("/api/v1/finance/held-payments/**", "/api/v1/finance/held-entries/**").hasRole(OPERATOR)
                        // the community's permission checks (org.memberbus.access): its own credential only
                        .requestMatchers("/api/v1/access/decisions").hasRole(COMMUNITY)
                        // the community's price question (org.memberbus.events), asked at every ticket page: its key, or staff
                        .requestMatchers(HttpMethod.GET, "/api/v1/events/*/offer").hasAnyRole(COMMUNITY, VIEWER)
                        // and its price question for a certification application (org.memberbus.certification)
                        .requestMatchers(HttpMethod.GET, "/api/v1/certification/application-fee").hasAnyRole(COMMUNITY, VIEWER)
                        // check-in (org.memberbus.events): kiosks, each with its own credential, and staff
                        .requestMatchers(HttpMethod.POST, "/api/v1/checkins").hasAnyRole(KIOSK, OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(VIEWER)
                        .requestMatchers("/api/v1/dead-letters/**").hasRole(OPERATOR)
                        .requestMatchers("/api/**").hasRole(OPERATOR)
                        .requestMatchers(EndpointRequest.to("hawtio")).hasRole(VIEWER)
                        .requestMatchers(EndpointRequest.toAnyEndpoint().withHttpMethod(HttpMethod.GET)).hasRole(VIEWER)
                        // an actuator write (e.g. a route action on camelroutes, were it made writable)
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(ADMIN)
                        .anyRequest().authenticated())
                .formLogin(withDefaults())
                .httpBasic(withDefaults())
                // machines asking without credentials get 401, not the login page
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(basicEntryPoint(), machines))
                // after login, back to the page asked for without Spring's "?continue" marker in its URL
                .requestCache(cache -> cache.requestCache(requestCacheWithoutContinue()))
                .csrf(csrf -> csrf
                        // webhooks are signed, the API is for machines with credentials, and a bearer
                        // token is never sent by a browser on its own
                        .ignoringRequestMatchers("/webhooks/**", "/api/**")
                        .ignoringRequestMatchers(request -> {
                            var header = request.getHeader("Authorization");
                            return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
                        })
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler()))
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
                // the community's API key for its permission checks (org.memberbus.access)
                .addFilterBefore(new CommunityApiKeyFilter(communityApiKey), BasicAuthenticationFilter.class)
                .addFilterBefore(new CachedBodyRequest.Filter(jolokia), AuthorizationFilter.class);
        if (oidc.enabled()) {
            var converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(new OidcRoles(oidc));
            http.oauth2ResourceServer(server -> server.jwt(jwt -> jwt
                    .decoder(jwtDecoder(oidc))
                    .jwtAuthenticationConverter(converter)));
        }
        return http.build();
    }

    private static BasicAuthenticationEntryPoint basicEntryPoint() {
        var entryPoint = new BasicAuthenticationEntryPoint();
        entryPoint.setRealmName("memberbus");
        entryPoint.afterPropertiesSet();
        return entryPoint;
    }

    static RequestCache requestCacheWithoutContinue() {
        var cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

    /** The issuer's tokens: keys from its discovery document (fetched at first use) or from its key set. */
    static JwtDecoder jwtDecoder(OidcProperties oidc) {
        var checks = new ArrayList<OAuth2TokenValidator<Jwt>>();
        checks.add(StringUtils.hasText(oidc.issuerUri()) ? JwtValidators.createDefaultWithIssuer(oidc.issuerUri())
                : JwtValidators.createDefault());
        if (StringUtils.hasText(oidc.audience())) {
            checks.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.contains(oidc.audience())));
        }
        var validator = new DelegatingOAuth2TokenValidator<>(checks);
        if (StringUtils.hasText(oidc.jwkSetUri())) {
            var decoder = NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri()).build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        return new SupplierJwtDecoder(() -> {
            var decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(oidc.issuerUri());
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    /** Configured users (none where users come only from the issuer). */
    @Bean
    UserDetailsService users(UsersProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        var manager = new InMemoryUserDetailsManager();
        properties.users().forEach(u -> manager.createUser(User.withUsername(u.name())
                .password(u.password().startsWith("{") ? u.password() : encoder.encode(u.password()))
                // "viewer" in the environment means VIEWER; a user with no role may log in and do nothing
                .roles((u.roles() == null ? List.<String>of() : u.roles()).stream()
                        .map(r -> r.trim().toUpperCase(Locale.ROOT)).toArray(String[]::new))
                .build()));
        return manager;
    }

    /** Spring Security's documented handler for single-page apps that echo the CSRF cookie. */
    static final class SpaCsrfTokenRequestHandler implements CsrfTokenRequestHandler {
        private final CsrfTokenRequestHandler plain = new CsrfTokenRequestAttributeHandler();
        private final CsrfTokenRequestHandler xor = new XorCsrfTokenRequestAttributeHandler();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
            xor.handle(request, response, token);
            if (!forMachines(request)) {
                token.get();
            }
        }

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
            var header = request.getHeader(token.getHeaderName());
            return (StringUtils.hasText(header) ? plain : xor).resolveCsrfTokenValue(request, token);
        }
    }

    /**
     * The API is for machines with credentials (CSRF is not checked there): its answers carry no
     * console cookie, so the community's permission checks do not make and sign a token each time.
     */
    static boolean forMachines(HttpServletRequest request) {
        var path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.startsWith("/api/");
    }

    /** Loads the deferred token so the cookie is written on every response (but the API's). */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return forMachines(request);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
