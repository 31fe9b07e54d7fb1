package org.memberbus.security;

import java.util.List;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The bus's users. In production they come from the environment, for example
 * {@code MEMBERBUS_SECURITY_USERS_0_NAME}, {@code ..._PASSWORD} (plain or {@code {bcrypt}...}),
 * {@code ..._ROLES=ADMIN}; there is no default user outside the sandbox.
 */
@Validated
@ConfigurationProperties("memberbus.security")
record UsersProperties(@NotEmpty(message = "no user configured: set MEMBERBUS_SECURITY_USERS_0_NAME, _PASSWORD and _ROLES") List<UserEntry> users) {

    record UserEntry(String name, String password, List<String> roles) {}
}
