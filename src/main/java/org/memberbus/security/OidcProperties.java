package org.memberbus.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Users from an OpenID Connect issuer: the API and Jolokia accept its access tokens (bearer JWTs).
 *
 * @param issuerUri   the issuer ({@code MEMBERBUS_OIDC_ISSUER_URI}); its discovery document names the key set,
 *                    and a token's {@code iss} must be this
 * @param jwkSetUri   the issuer's key set ({@code MEMBERBUS_OIDC_JWK_SET_URI}), where there is no discovery
 * @param rolesClaim  the claim that holds the user's roles ({@code MEMBERBUS_OIDC_ROLES_CLAIM}, default
 *                    {@code roles}); a dotted path reaches into an object ({@code realm_access.roles})
 * @param roleMap     the issuer's role names for the bus's roles ({@code MEMBERBUS_OIDC_ROLE_MAP}, e.g.
 *                    {@code bus-admins=ADMIN,bus-ops=OPERATOR}); a value named VIEWER, OPERATOR or ADMIN
 *                    (any case) counts as itself
 * @param audience    when set, a token must name it in {@code aud} ({@code MEMBERBUS_OIDC_AUDIENCE})
 */
@ConfigurationProperties("memberbus.security.oidc")
record OidcProperties(String issuerUri, String jwkSetUri, String rolesClaim, String roleMap, String audience) {

    OidcProperties {
        rolesClaim = StringUtils.hasText(rolesClaim) ? rolesClaim : "roles";
    }

    boolean enabled() {
        return StringUtils.hasText(issuerUri) || StringUtils.hasText(jwkSetUri);
    }
}
