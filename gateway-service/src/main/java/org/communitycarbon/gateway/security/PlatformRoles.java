package org.communitycarbon.gateway.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.security.Role;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The platform roles a verified token grants, read from {@code platform.security.roles-claim} as the services read
 * them (a dotted path reaches into a nested claim, such as Keycloak's {@code realm_access.roles}); names that are not
 * platform roles — an identity provider's own {@code offline_access}, {@code default-roles-…} — are ignored. They are
 * the gateway's principal's authorities ({@code ROLE_RESIDENT}…). The gateway decides nothing by role: every service
 * does, from the same token.
 */
final class PlatformRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final String[] path;

    PlatformRoles(String claimPath) {
        this.path = claimPath.split("\\.");
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String step : path) {
            value = value instanceof Map<?, ?> map ? map.get(step) : null;
        }
        List<GrantedAuthority> roles = new ArrayList<>();
        if (value instanceof Collection<?> names) {
            for (Object name : names) {
                for (Role role : Role.values()) {
                    if (role.name().equals(String.valueOf(name))) {
                        roles.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
                    }
                }
            }
        }
        return roles;
    }
}
