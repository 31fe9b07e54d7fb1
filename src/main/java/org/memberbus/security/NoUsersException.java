package org.memberbus.security;

/** Outside the sandbox the bus has no user unless one is configured: refusing to start says so. */
final class NoUsersException extends IllegalStateException {

    NoUsersException() {
        super("No user configured: set MEMBERBUS_SECURITY_USERS_0_NAME, _PASSWORD and _ROLES, "
                + "or MEMBERBUS_OIDC_ISSUER_URI (or MEMBERBUS_OIDC_JWK_SET_URI)");
    }
}
