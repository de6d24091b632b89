package org.communitycarbon.support.persistence;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param schema the service's own PostgreSQL schema; its tables, migrations and the shared tables live there
 */
@ConfigurationProperties("platform.database")
public record PlatformDatabaseProperties(String schema) {
}
