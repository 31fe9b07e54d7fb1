package org.memberbus.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** The bus's roles of an access token, read from the configured claim and mapped to VIEWER, OPERATOR or ADMIN. */
final class OidcRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final String[] claimPath;
    private final Map<String, Role> names = new HashMap<>();

    OidcRoles(OidcProperties properties) {
        this.claimPath = properties.rolesClaim().split("\\.");
        for (var role : Role.values()) {
            names.put(role.name().toLowerCase(Locale.ROOT), role);
        }
        if (properties.roleMap() != null) {
            for (var pair : properties.roleMap().split(",")) {
                var parts = pair.split("=", 2);
                if (parts.length == 2 && !parts[0].isBlank()) {
                    names.put(parts[0].trim().toLowerCase(Locale.ROOT), Role.valueOf(parts[1].trim().toUpperCase(Locale.ROOT)));
                }
            }
        }
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Object value = jwt.getClaims();
        for (var key : claimPath) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        var granted = new ArrayList<GrantedAuthority>();
        for (var name : valuesOf(value)) {
            var role = names.get(name.trim().toLowerCase(Locale.ROOT));
            if (role != null) {
                granted.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
            }
        }
        return granted;
    }

    /** A claim is a JSON array of names, or one string of names separated by spaces or commas. */
    private static List<String> valuesOf(Object claim) {
        if (claim instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String text) {
            return List.of(text.split("[\\s,]+"));
        }
        return List.of();
    }
}
