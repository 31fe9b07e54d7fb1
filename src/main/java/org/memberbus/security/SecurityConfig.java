package org.memberbus.security;

import static org.springframework.security.config.Customizer.withDefaults;

import java.util.function.Supplier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
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
 * load balancer can probe it; everything else needs a user with a role:
 * VIEWER (read-only operator), OPERATOR (may also replay dead letters), ADMIN.
 * Hawtio sits behind form login with a CSRF cookie its console reads (Hawtio's Spring Boot guide).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String VIEWER = "VIEWER";
    static final String OPERATOR = "OPERATOR";
    static final String ADMIN = "ADMIN";

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/webhooks/**").permitAll()
                        .requestMatchers(EndpointRequest.to("health", "info")).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(VIEWER, OPERATOR, ADMIN)
                        .requestMatchers("/api/v1/dead-letters/**").hasAnyRole(OPERATOR, ADMIN)
                        .requestMatchers("/api/**").hasAnyRole(OPERATOR, ADMIN)
                        .requestMatchers(EndpointRequest.to("hawtio", "jolokia")).hasAnyRole(VIEWER, OPERATOR, ADMIN)
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasAnyRole(VIEWER, OPERATOR, ADMIN)
                        .anyRequest().authenticated())
                .formLogin(withDefaults())
                .httpBasic(withDefaults())
                .csrf(csrf -> csrf
                        // webhooks are signed and the API is for machines with credentials
                        .ignoringRequestMatchers("/webhooks/**", "/api/**")
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler()))
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class);
        return http.build();
    }

    /** Users from configuration: the sandbox's demo user, or in production the environment. */
    @Bean
    UserDetailsService users(UsersProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        var manager = new InMemoryUserDetailsManager();
        properties.users().forEach(u -> manager.createUser(User.withUsername(u.name())
                .password(u.password().startsWith("{") ? u.password() : encoder.encode(u.password()))
                .roles(u.roles().toArray(String[]::new))
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
            token.get();
        }

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
            var header = request.getHeader(token.getHeaderName());
            return (StringUtils.hasText(header) ? plain : xor).resolveCsrfTokenValue(request, token);
        }
    }

    /** Loads the deferred token so the cookie is written on every response. */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
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
