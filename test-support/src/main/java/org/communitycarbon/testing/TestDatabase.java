package org.communitycarbon.testing;

import javax.sql.DataSource;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.infra.SchemaRoles;

/**
 * The embedded PostgreSQL of this JVM beyond what a service's own roles may do. A service under test runs as its
 * schema's runtime role ({@link UsesEmbeddedInfrastructure}); a test that must inspect or clean what that role may
 * not asks for another login here, explicitly.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** Connections as the superuser: every schema, every right. */
    public static DataSource admin() {
        return EmbeddedInfrastructure.shared().postgres().adminDataSource();
    }

    /** The roles of {@code schema}, the same the service under test was given. */
    public static SchemaRoles roles(String schema) {
        return EmbeddedInfrastructure.shared().postgres().roles(schema);
    }

    /** Connections as {@code schema}'s owner, the role its migrations run as. */
    public static DataSource owner(String schema) {
        return EmbeddedInfrastructure.shared().postgres().dataSource(roles(schema).owner());
    }

    /** Connections as {@code schema}'s runtime role, the role the service runs as. */
    public static DataSource app(String schema) {
        return EmbeddedInfrastructure.shared().postgres().dataSource(roles(schema).app());
    }
}
