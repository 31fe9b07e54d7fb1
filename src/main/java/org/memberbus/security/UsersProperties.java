package org.memberbus.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bus's own users. In production they come from the environment, for example
 * {@code MEMBERBUS_SECURITY_USERS_0_NAME}, {@code ..._PASSWORD} (plain or {@code {bcrypt}...}),
 * {@code ..._ROLES=ADMIN}; the sandbox's demo user is in {@code config/application-sandbox.yaml}
 * and nowhere else. Users may also come from an OpenID Connect issuer ({@link OidcProperties}).
 */
@ConfigurationProperties("memberbus.security")
record UsersProperties(List<UserEntry> users) {

    UsersProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    record UserEntry(String name, String password, List<String> roles) {}
}
