package org.communitycarbon.sensing.credentials;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.communitycarbon.support.persistence.SqlArrays;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code mqtt_account} table. */
@Repository
class AccountStore {

    /** An account with the digest of its current secret. */
    record Stored(MqttAccount account, byte[] secretSha256) {
    }

    private final JdbcTemplate jdbc;

    AccountStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(String communityId, AccountKind kind, String name) {
        return jdbc.query("SELECT * FROM mqtt_account WHERE community_id = ? AND kind = ? AND name = ?", AccountStore::stored,
                communityId, kind.name(), name).stream().findFirst();
    }

    /** Those of these accounts that exist and are not revoked, in one query. */
    List<MqttAccount> active(List<String> communities, List<AccountKind> kinds, List<String> names) {
        return jdbc.query(connection -> SqlArrays.statement(connection, """
                SELECT a.* FROM mqtt_account a
                JOIN unnest(?::text[], ?::text[], ?::text[]) AS u(community_id, kind, name) USING (community_id, kind, name)
                WHERE a.revoked_at IS NULL""", SqlArrays.texts(communities), SqlArrays.of("text", kinds, Enum::name),
                SqlArrays.texts(names)), (rs, row) -> stored(rs, row).account());
    }

    List<MqttAccount> list(String communityId, @Nullable AccountKind kind, int offset, int limit) {
        return jdbc.query("SELECT * FROM mqtt_account WHERE community_id = ? AND (?::text IS NULL OR kind = ?) "
                + "ORDER BY kind, name OFFSET ? LIMIT ?", (rs, row) -> stored(rs, row).account(), communityId,
                kind == null ? null : kind.name(), kind == null ? null : kind.name(), offset, limit);
    }

    /** Inserts the account, or gives an existing one a new secret (and lifts a revocation); returns it as stored. */
    MqttAccount issue(String communityId, AccountKind kind, String name, byte[] secretSha256, Instant now) {
        return jdbc.queryForObject("""
                INSERT INTO mqtt_account (community_id, kind, name, secret_sha256, issued_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (community_id, kind, name) DO UPDATE
                    SET secret_sha256 = excluded.secret_sha256, issued_at = excluded.issued_at, revoked_at = NULL
                RETURNING *""", (rs, row) -> stored(rs, row).account(), communityId, kind.name(), name, secretSha256,
                Timestamp.from(now), Timestamp.from(now));
    }

    /** Revokes the account if it is active; returns it, or empty if there is none. */
    Optional<MqttAccount> revoke(String communityId, AccountKind kind, String name, Instant now) {
        jdbc.update("UPDATE mqtt_account SET revoked_at = ? WHERE community_id = ? AND kind = ? AND name = ? AND revoked_at IS NULL",
                Timestamp.from(now), communityId, kind.name(), name);
        return find(communityId, kind, name).map(Stored::account);
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        AccountKind kind = AccountKind.valueOf(rs.getString("kind"));
        String community = rs.getString("community_id");
        String name = rs.getString("name");
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new Stored(new MqttAccount(MqttAccount.username(kind, community, name), community, kind, name,
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("issued_at").toInstant(),
                revoked == null ? null : revoked.toInstant()), rs.getBytes("secret_sha256"));
    }
}
