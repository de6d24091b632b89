package org.communitycarbon.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/** Each schema's roles may do what the platform's services need there and nothing anywhere else. */
class EmbeddedPostgresRolesIT {

    /** PostgreSQL's SQLSTATE for "permission denied". */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final EmbeddedPostgresServer postgres = EmbeddedInfrastructure.shared().postgres();

    @Test
    void theOwnersTablesAreTheRuntimeRolesToReadAndWriteButNotToChange() throws SQLException {
        SchemaRoles roles = postgres.roles("roles_own");
        run(roles.owner(), "CREATE TABLE roles_own.note (id bigserial PRIMARY KEY, text text NOT NULL)");

        run(roles.app(), "INSERT INTO roles_own.note (text) VALUES ('first')");
        run(roles.app(), "UPDATE roles_own.note SET text = 'changed'");
        assertThat(count(roles.app(), "SELECT count(*) FROM roles_own.note")).isEqualTo(1);
        run(roles.app(), "DELETE FROM roles_own.note");

        assertRefused(roles.app(), "CREATE TABLE roles_own.other (id int)");
        assertRefused(roles.app(), "ALTER TABLE roles_own.note ADD COLUMN secret text");
        assertRefused(roles.app(), "DROP TABLE roles_own.note");
        assertRefused(roles.app(), "TRUNCATE roles_own.note");
    }

    @Test
    void aRuntimeRoleCannotReadAnotherSchema() throws SQLException {
        SchemaRoles mine = postgres.roles("roles_mine");
        SchemaRoles theirs = postgres.roles("roles_theirs");
        run(theirs.owner(), "CREATE TABLE roles_theirs.secret (id int)");
        run(theirs.app(), "SELECT count(*) FROM roles_theirs.secret");

        assertRefused(mine.app(), "SELECT count(*) FROM roles_theirs.secret");
        assertRefused(mine.owner(), "SELECT count(*) FROM roles_theirs.secret");
        assertRefused(mine.owner(), "CREATE TABLE roles_theirs.planted (id int)");
    }

    @Test
    void noServiceRoleMayCreateASchemaOrUseThePublicOne() throws SQLException {
        SchemaRoles roles = postgres.roles("roles_public");
        for (DatabaseLogin login : new DatabaseLogin[] {roles.owner(), roles.app()}) {
            assertRefused(login, "CREATE SCHEMA " + login.username() + "_extra");
            assertRefused(login, "CREATE TABLE public.planted (id int)");
            assertRefused(login, "CREATE TEMPORARY TABLE scratch (id int)");
        }
    }

    @Test
    void everyRoleLogsInWithItsPasswordOnly() {
        SchemaRoles roles = postgres.roles("roles_login");
        for (String username : new String[] {EmbeddedPostgresServer.ADMIN_USERNAME, roles.app().username()}) {
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), username, "wrong").close())
                    .as(username).isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl() + "?user=" + roles.app().username()).close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aSchemasRolesAreMadeOnce() {
        assertThat(postgres.roles("roles_once")).isSameAs(postgres.roles("roles_once"));
        assertThatThrownBy(() -> postgres.roles("Robert'); DROP TABLE students;--"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void run(DatabaseLogin login, String sql) throws SQLException {
        try (Connection connection = postgres.dataSource(login).getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(DatabaseLogin login, String sql) throws SQLException {
        try (Connection connection = postgres.dataSource(login).getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void assertRefused(DatabaseLogin login, String sql) {
        assertThatThrownBy(() -> run(login, sql)).as("%s: %s", login.username(), sql)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }
}
