package org.communitycarbon.ops.audit;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.model.Require;
import org.communitycarbon.model.audit.ActionAudited;
import org.communitycarbon.model.audit.AuditActor;
import org.communitycarbon.model.audit.AuditKind;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's append-only audit log: one row per {@code ActionAudited} event, whichever service wrote it. An event
 * delivered again is dropped by its primary key, in the same statement, so the log holds each action once; PostgreSQL
 * refuses any change or deletion of a row (docs/audit.md).
 */
@Service
public class AuditLog {

    private static final String INSERT = """
            INSERT INTO audit_entry (event_id, occurred_at, kind, service, community_id, actor_subject, actor_roles,
                                     actor_household_id, actor_community_id, actor_community_ids, actor_street_id, method,
                                     route, path, query, path_variables, status, client_address, forwarded_for, request_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
            ON CONFLICT (event_id) DO NOTHING""";

    private static final String COLUMNS = """
            event_id, occurred_at, recorded_at, kind, service, community_id, actor_subject, actor_roles, actor_household_id,
            actor_community_id, actor_community_ids, actor_street_id, method, route, path, query, path_variables::text,
            status, client_address, forwarded_for, request_id""";

    private static final TypeReference<Map<String, String>> VARIABLES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final JsonMapper json;

    AuditLog(JdbcTemplate jdbc, NamedParameterJdbcTemplate named, JsonMapper json) {
        this.jdbc = jdbc;
        this.named = named;
        this.json = json;
    }

    /** What the log uses of an event, checked before it is appended (tolerant reader: nothing more). */
    static void check(ActionAudited event) {
        Require.present(event.eventId(), "eventId");
        Require.present(event.occurredAt(), "occurredAt");
        Require.present(event.kind(), "kind");
        Require.present(event.service(), "service");
        Require.present(event.actor(), "actor");
        Require.present(event.method(), "method");
        Require.present(event.path(), "path");
    }

    /** Appends the events not yet in the log, in one batch. */
    @Transactional
    public void append(List<ActionAudited> events) {
        jdbc.batchUpdate(INSERT, events, events.size(), (statement, event) -> bind(statement, event));
    }

    private void bind(PreparedStatement statement, ActionAudited event) throws SQLException {
        AuditActor actor = event.actor();
        int column = 1;
        statement.setObject(column++, event.eventId());
        statement.setTimestamp(column++, Timestamp.from(event.occurredAt()));
        statement.setString(column++, event.kind().name());
        statement.setString(column++, event.service());
        statement.setString(column++, ActionAudited.NO_COMMUNITY.equals(event.communityId()) ? null : event.communityId());
        statement.setString(column++, actor.subject());
        statement.setArray(column++, texts(statement, actor.roles()));
        statement.setString(column++, actor.householdId());
        statement.setString(column++, actor.communityId());
        statement.setArray(column++, texts(statement, actor.communityIds()));
        statement.setString(column++, actor.streetId());
        statement.setString(column++, event.method());
        statement.setString(column++, event.route());
        statement.setString(column++, event.path());
        statement.setString(column++, event.query());
        statement.setString(column++, json.writeValueAsString(event.pathVariables()));
        statement.setInt(column++, event.status());
        statement.setString(column++, event.clientAddress());
        statement.setString(column++, event.forwardedFor());
        statement.setString(column, event.requestId());
    }

    private static Array texts(PreparedStatement statement, List<String> values) throws SQLException {
        return statement.getConnection().createArrayOf("text", values.toArray());
    }

    /** The entries that match, newest first. */
    @Transactional(readOnly = true)
    public PageView<AuditEntryView> search(AuditSearch search, int page, int size) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        List<String> conditions = new ArrayList<>();
        condition(conditions, parameters, "actor_subject = :actor", "actor", search.actor(), Types.VARCHAR);
        condition(conditions, parameters, "service = :service", "service", search.service(), Types.VARCHAR);
        condition(conditions, parameters, "community_id = :community", "community", search.community(), Types.VARCHAR);
        condition(conditions, parameters, "kind = :kind", "kind", search.kind() == null ? null : search.kind().name(), Types.VARCHAR);
        condition(conditions, parameters, "method = :method", "method", search.method(), Types.VARCHAR);
        condition(conditions, parameters, "starts_with(path, :path)", "path", search.path(), Types.VARCHAR);
        condition(conditions, parameters, "status = :status", "status", search.status(), Types.INTEGER);
        condition(conditions, parameters, "occurred_at >= :from", "from",
                search.from() == null ? null : search.from().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        condition(conditions, parameters, "occurred_at < :to", "to",
                search.to() == null ? null : search.to().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        long total = named.queryForObject("SELECT count(*) FROM audit_entry" + where, parameters, Long.class);
        parameters.addValue("limit", size).addValue("offset", (long) page * size);
        List<AuditEntryView> items = named.query("SELECT " + COLUMNS + " FROM audit_entry" + where
                + " ORDER BY occurred_at DESC, event_id DESC LIMIT :limit OFFSET :offset", parameters, (rs, n) -> entry(rs));
        return new PageView<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    private static void condition(List<String> conditions, MapSqlParameterSource parameters, String sql, String name,
            @Nullable Object value, int type) {
        if (value != null) {
            conditions.add(sql);
            parameters.addValue(name, value, type);
        }
    }

    private AuditEntryView entry(ResultSet rs) throws SQLException {
        AuditActor actor = new AuditActor(rs.getString("actor_subject"), strings(rs.getArray("actor_roles")),
                rs.getString("actor_household_id"), rs.getString("actor_community_id"),
                strings(rs.getArray("actor_community_ids")), rs.getString("actor_street_id"));
        return new AuditEntryView(rs.getObject("event_id", UUID.class), rs.getTimestamp("occurred_at").toInstant(),
                rs.getTimestamp("recorded_at").toInstant(), AuditKind.valueOf(rs.getString("kind")), rs.getString("service"),
                rs.getString("community_id"), actor, rs.getString("method"), rs.getString("route"), rs.getString("path"),
                rs.getString("query"), json.readValue(rs.getString("path_variables"), VARIABLES), rs.getInt("status"),
                rs.getString("client_address"), rs.getString("forwarded_for"), rs.getString("request_id"));
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
