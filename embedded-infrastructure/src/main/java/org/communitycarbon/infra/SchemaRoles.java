package org.communitycarbon.infra;

import java.util.regex.Pattern;

/**
 * The two roles of one service's schema. {@code owner} ({@code <schema>_owner}) owns the schema and everything in it:
 * the service's Flyway migrates as it. {@code app} ({@code <schema>_app}) is what the running service logs in as: it
 * may use the schema and read and write the rows of its tables and sequences (granted by the owner's default
 * privileges), but create, alter or drop nothing, and it has no right on any other schema.
 */
public record SchemaRoles(String schema, DatabaseLogin owner, DatabaseLogin app) {

    private static final Pattern SCHEMA = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    /** The migration role's name for {@code schema}. */
    public static String ownerName(String schema) {
        return requireSchemaName(schema) + "_owner";
    }

    /** The runtime role's name for {@code schema}. */
    public static String appName(String schema) {
        return requireSchemaName(schema) + "_app";
    }

    /** {@code schema}, when it is a plain lower-case identifier (so it never needs quoting in SQL). */
    static String requireSchemaName(String schema) {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a schema name for the platform's roles: " + schema);
        }
        return schema;
    }
}
