package org.memberbus.security;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;

/** The bus's roles, each allowed what the one before it is, and more. */
enum Role {
    /** Reads: the API's GETs, Hawtio and Jolokia reads. */
    VIEWER,
    /** Also repairs: replays dead letters, runs jobs, starts and stops routes. */
    OPERATOR,
    /** Everything, including Jolokia writes and any JMX operation. */
    ADMIN;

    /** The highest role among these authorities ({@code ROLE_...}), or null when none. */
    static Role highest(Collection<? extends GrantedAuthority> authorities) {
        Role best = null;
        for (var authority : authorities) {
            var name = authority.getAuthority();
            for (var role : values()) {
                if (("ROLE_" + role.name()).equals(name) && (best == null || role.compareTo(best) > 0)) {
                    best = role;
                }
            }
        }
        return best;
    }
}
