package org.communitycarbon.sensing.commands;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.communitycarbon.model.device.CommandOutcome;
import org.communitycarbon.model.device.CommandType;
import org.communitycarbon.model.device.DeviceCommandMessage;
import org.communitycarbon.model.device.SchedulePeriod;
import org.communitycarbon.model.registry.SubsystemKind;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tables of policies and commands, reached only through here, with plain SQL. Reads the registry's tables
 * (subsystems, devices, their health) to find which controllers a policy reaches; writes none of them.
 */
@Repository
class CommandStore {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<SchedulePeriod>> PERIODS = new TypeReference<>() {
    };

    private static final String COMMAND_COLUMNS = """
            id, community_id, device_id, device_type, subsystem_id, policy_version, command_type, cause, sent_by, status,
            created_at, sent_at, expires_at, finished_at, failure_reason, payload""";

    private final JdbcTemplate jdbc;

    CommandStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An energy subsystem as a policy needs it: what it does, and the community's time zone. */
    record Subsystem(String communityId, String id, SubsystemKind kind, String timeZone) {
    }

    /** A command to write: what the relay will publish, and why. */
    record NewCommand(UUID id, String communityId, String deviceId, String deviceType, String subsystemId, int policyVersion,
            CommandType type, CommandCause cause, String sentBy, Instant createdAt, Instant expiresAt, String payload) {
    }

    /** A command waiting for the relay. */
    record Pending(UUID id, String communityId, String deviceId, String deviceType, Instant expiresAt, String payload) {
    }

    /** Serialises policy changes of one subsystem until the transaction ends. */
    void lockSubsystem(String communityId, String subsystemId) {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 7317))", rs -> null, communityId + "/" + subsystemId);
    }

    /** Whether this transaction is the only reconciler; false when another instance runs one now. */
    boolean tryReconcilerLock() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, 0x5E45_1A6E_0000_0007L));
    }

    Optional<Subsystem> subsystem(String communityId, String subsystemId) {
        return jdbc.query("""
                SELECT s.community_id, s.id, s.kind, c.time_zone FROM energy_subsystem s JOIN community c ON c.id = s.community_id
                WHERE s.community_id = ? AND s.id = ?""",
                (rs, n) -> new Subsystem(rs.getString(1), rs.getString(2), SubsystemKind.valueOf(rs.getString(3)), rs.getString(4)),
                communityId, subsystemId).stream().findFirst();
    }

    Optional<Policy> currentPolicy(String communityId, String subsystemId) {
        return jdbc.query("""
                SELECT community_id, subsystem_id, version, command_type, periods::text, set_by, set_at FROM subsystem_policy
                WHERE community_id = ? AND subsystem_id = ? ORDER BY version DESC LIMIT 1""", CommandStore::policy,
                communityId, subsystemId).stream().findFirst();
    }

    void insertPolicy(Policy policy) {
        jdbc.update("""
                INSERT INTO subsystem_policy (community_id, subsystem_id, version, command_type, periods, set_by, set_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)""", policy.communityId(), policy.subsystemId(), policy.version(),
                policy.type().name(), JSON.writeValueAsString(policy.periods()), policy.setBy(), Timestamp.from(policy.setAt()));
    }

    /** The active devices of the given type bound to the subsystem, by id. */
    List<String> controllers(String communityId, String subsystemId, String deviceType) {
        return jdbc.queryForList("""
                SELECT id FROM device WHERE community_id = ? AND subsystem_id = ? AND type = ? AND status = 'ACTIVE' ORDER BY id""",
                String.class, communityId, subsystemId, deviceType);
    }

    void insert(List<NewCommand> commands) {
        jdbc.batchUpdate("""
                INSERT INTO device_command (id, community_id, device_id, device_type, subsystem_id, policy_version, command_type,
                    payload, cause, sent_by, status, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""", commands, 500, (statement, command) -> {
            statement.setObject(1, command.id());
            statement.setString(2, command.communityId());
            statement.setString(3, command.deviceId());
            statement.setString(4, command.deviceType());
            statement.setString(5, command.subsystemId());
            statement.setInt(6, command.policyVersion());
            statement.setString(7, command.type().name());
            statement.setString(8, command.payload());
            statement.setString(9, command.cause().name());
            statement.setString(10, command.sentBy());
            statement.setTimestamp(11, Timestamp.from(command.createdAt()));
            statement.setTimestamp(12, Timestamp.from(command.expiresAt()));
        });
    }

    /**
     * Controllers that lack their subsystem's current policy: no command of it at all (a new controller, or one that
     * replaced another), or only commands that expired before the controller came back online. A controller that
     * acknowledged or rejected the policy, has a command of it on the way, or is still offline is left alone.
     */
    List<Candidate> controllersLackingTheirPolicy(int limit) {
        return jdbc.query("""
                SELECT d.community_id, d.id, d.type, p.subsystem_id, p.version, p.command_type, p.periods::text, p.set_by, p.set_at,
                       c.time_zone,
                       EXISTS (SELECT 1 FROM device_command k WHERE k.community_id = d.community_id AND k.device_id = d.id
                               AND k.subsystem_id = p.subsystem_id AND k.policy_version = p.version) AS had_one
                FROM (SELECT DISTINCT ON (community_id, subsystem_id) * FROM subsystem_policy
                      ORDER BY community_id, subsystem_id, version DESC) p
                JOIN community c ON c.id = p.community_id
                JOIN device d ON d.community_id = p.community_id AND d.subsystem_id = p.subsystem_id AND d.status = 'ACTIVE'
                     AND d.type = CASE p.command_type WHEN 'LIGHTING_SCHEDULE' THEN 'lighting-controller' ELSE 'load-controller' END
                LEFT JOIN device_seen s ON s.community_id = d.community_id AND s.device_id = d.id
                WHERE NOT EXISTS (
                    SELECT 1 FROM device_command k
                    WHERE k.community_id = d.community_id AND k.device_id = d.id AND k.subsystem_id = p.subsystem_id
                      AND k.policy_version = p.version
                      AND (k.status <> 'EXPIRED' OR NOT coalesce(s.online, false) OR k.created_at >= s.status_changed_at))
                ORDER BY d.community_id, d.id
                LIMIT ?""", (rs, n) -> new Candidate(rs.getString(1), rs.getString(2), rs.getString(3),
                new Policy(rs.getString(1), rs.getString(4), rs.getInt(5), CommandType.valueOf(rs.getString(6)),
                        JSON.readValue(rs.getString(7), PERIODS), rs.getString(8), rs.getTimestamp(9).toInstant()),
                rs.getString(10), rs.getBoolean(11)), limit);
    }

    /** A controller that lacks its subsystem's policy; {@code hadOne} when an earlier command of it expired. */
    record Candidate(String communityId, String deviceId, String deviceType, Policy policy, String timeZone, boolean hadOne) {
    }

    /** Locks the oldest pending commands not yet expired, skipping those another relay holds. */
    List<Pending> lockPending(Instant now, int limit) {
        return jdbc.query("""
                SELECT id, community_id, device_id, device_type, expires_at, payload FROM device_command
                WHERE status = 'PENDING' AND expires_at > ? ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED""",
                (rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getString(6)), Timestamp.from(now), limit);
    }

    void markSent(UUID id, Instant at) {
        jdbc.update("UPDATE device_command SET status = 'SENT', sent_at = ? WHERE id = ? AND status = 'PENDING'", Timestamp.from(at), id);
    }

    /** Marks the commands still open at their expiry {@code EXPIRED}; returns how many. */
    int expire(Instant now) {
        return jdbc.update("""
                UPDATE device_command SET status = 'EXPIRED', finished_at = expires_at
                WHERE status IN ('PENDING', 'SENT') AND expires_at <= ?""", Timestamp.from(now));
    }

    /**
     * Settles a command with the device's answer: only the device it was sent to, only once, and only if the answer
     * arrived before the command expired — an answer received in time settles the command even when the expiry check
     * ran before the answer was processed. Returns whether it settled it.
     */
    boolean settle(UUID id, String communityId, String deviceId, CommandOutcome outcome, @Nullable String reason, Instant receivedAt) {
        return jdbc.update("""
                UPDATE device_command SET status = ?, finished_at = ?, failure_reason = ?
                WHERE id = ? AND community_id = ? AND device_id = ? AND status IN ('PENDING', 'SENT', 'EXPIRED')
                  AND expires_at > ?""",
                outcome == CommandOutcome.ACCEPTED ? CommandStatus.ACKNOWLEDGED.name() : CommandStatus.FAILED.name(),
                Timestamp.from(receivedAt), outcome == CommandOutcome.REJECTED ? reason : null, id, communityId, deviceId,
                Timestamp.from(receivedAt)) == 1;
    }

    Optional<DeviceCommand> command(UUID id) {
        return jdbc.query("SELECT " + COMMAND_COLUMNS + " FROM device_command WHERE id = ?", CommandStore::command, id).stream()
                .findFirst();
    }

    /** A page of a community's commands, newest first, optionally of one device, subsystem or status. */
    List<DeviceCommand> commands(String communityId, @Nullable String deviceId, @Nullable String subsystemId,
            @Nullable CommandStatus status, int limit, long offset) {
        List<Object> args = new ArrayList<>();
        String where = where(communityId, deviceId, subsystemId, status, args);
        args.add(limit);
        args.add(offset);
        return jdbc.query("SELECT " + COMMAND_COLUMNS + " FROM device_command WHERE " + where
                + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?", CommandStore::command, args.toArray());
    }

    long count(String communityId, @Nullable String deviceId, @Nullable String subsystemId, @Nullable CommandStatus status) {
        List<Object> args = new ArrayList<>();
        Long count = jdbc.queryForObject("SELECT count(*) FROM device_command WHERE "
                + where(communityId, deviceId, subsystemId, status, args), Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    private static String where(String communityId, @Nullable String deviceId, @Nullable String subsystemId,
            @Nullable CommandStatus status, List<Object> args) {
        StringBuilder where = new StringBuilder("community_id = ?");
        args.add(communityId);
        if (deviceId != null) {
            where.append(" AND device_id = ?");
            args.add(deviceId);
        }
        if (subsystemId != null) {
            where.append(" AND subsystem_id = ?");
            args.add(subsystemId);
        }
        if (status != null) {
            where.append(" AND status = ?");
            args.add(status.name());
        }
        return where.toString();
    }

    private static Policy policy(ResultSet rs, int row) throws SQLException {
        return new Policy(rs.getString(1), rs.getString(2), rs.getInt(3), CommandType.valueOf(rs.getString(4)),
                JSON.readValue(rs.getString(5), PERIODS), rs.getString(6), rs.getTimestamp(7).toInstant());
    }

    private static DeviceCommand command(ResultSet rs, int row) throws SQLException {
        return new DeviceCommand(rs.getObject("id", UUID.class), rs.getString("community_id"), rs.getString("device_id"),
                rs.getString("device_type"), rs.getString("subsystem_id"), rs.getInt("policy_version"),
                CommandType.valueOf(rs.getString("command_type")), CommandCause.valueOf(rs.getString("cause")), rs.getString("sent_by"),
                CommandStatus.valueOf(rs.getString("status")), instant(rs, "created_at"), instant(rs, "sent_at"),
                instant(rs, "expires_at"), instant(rs, "finished_at"), rs.getString("failure_reason"),
                JSON.readValue(rs.getString("payload"), DeviceCommandMessage.class));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
