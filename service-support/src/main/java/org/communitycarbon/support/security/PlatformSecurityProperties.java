package org.communitycarbon.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param rolesClaim where the roles are in the token; a dotted path reaches into nested claims, e.g.
 *        {@code realm_access.roles} for Keycloak
 */
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(@DefaultValue("roles") String rolesClaim) {
}
