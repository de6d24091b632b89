package org.communitycarbon.sensing.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

import org.communitycarbon.model.registry.CommunityType;
import org.communitycarbon.model.registry.DeviceStatus;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.SubsystemKind;
import org.communitycarbon.support.persistence.SqlArrays;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The registry's tables, reached only through here, with plain SQL and records. A batch of places or devices
 * is written in one statement per table ({@code unnest} of arrays), each written row drawing a new revision.
 * Writers call {@link #lock()} first: it serialises registry transactions, so revisions become visible in the
 * order they were drawn and the directory's "everything above the last revision I saw" misses nothing.
 */
@Repository
class RegistryStore {

    /** The registry's advisory lock; PostgreSQL's advisory locks are per database, so the key is distinctive. */
    private static final long LOCK_KEY = 0x5E45_1A6E_0000_0001L;

    private static final String DEVICE_COLUMNS = """
            id, type, model, location, household_id, area_id, subsystem_id, drop_point_id, status, installed_on,
            retired_on, replaces, revision, updated_at, capacity_kg""";

    private final JdbcTemplate jdbc;

    RegistryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises registry writers until the transaction ends. */
    void lock() {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null, LOCK_KEY);
    }

    // communities

    List<Community> communities() {
        return jdbc.query("SELECT * FROM community ORDER BY id", RegistryStore::community);
    }

    Optional<Community> community(String id) {
        return jdbc.query("SELECT * FROM community WHERE id = ?", RegistryStore::community, id).stream().findFirst();
    }

    Community saveCommunity(String id, String name, CommunityType type, String region, String timeZone, @Nullable String streetId) {
        return jdbc.queryForObject("""
                INSERT INTO community (id, name, type, region, time_zone, street_id, revision, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, nextval('registry_revision'), now())
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, region = EXCLUDED.region,
                    time_zone = EXCLUDED.time_zone, street_id = EXCLUDED.street_id, revision = EXCLUDED.revision,
                    updated_at = EXCLUDED.updated_at
                RETURNING *""", RegistryStore::community, id, name, type.name(), region, timeZone, streetId);
    }

    private static Community community(ResultSet rs, int row) throws SQLException {
        return new Community(rs.getString("id"), rs.getString("name"), CommunityType.valueOf(rs.getString("type")),
                rs.getString("region"), rs.getString("time_zone"), rs.getLong("revision"), instant(rs, "updated_at"),
                rs.getString("street_id"));
    }

    // places

    static String table(PlaceKind kind) {
        return switch (kind) {
            case BUILDING -> "building";
            case HOUSEHOLD -> "household";
            case COMMON_AREA -> "common_area";
            case ENERGY_SUBSYSTEM -> "energy_subsystem";
            case DROP_POINT -> "drop_point";
        };
    }

    /** The columns of a kind of place besides community, revision and time. */
    private static List<String> columns(PlaceKind kind) {
        List<String> columns = new ArrayList<>(List.of("id", "name"));
        if (kind != PlaceKind.BUILDING) {
            columns.add("building_id");
        }
        if (kind == PlaceKind.HOUSEHOLD) {
            columns.add("members");
        }
        if (kind == PlaceKind.ENERGY_SUBSYSTEM) {
            columns.add("kind");
        }
        if (PlaceSpec.canSupply(kind)) {
            columns.add("building_supply");
        }
        return columns;
    }

    List<Place> places(String communityId, PlaceKind kind, @Nullable String buildingId, int limit, long offset) {
        String sql = "SELECT * FROM " + table(kind) + " WHERE community_id = ?"
                + (buildingId == null ? "" : " AND building_id = ?") + " ORDER BY id LIMIT ? OFFSET ?";
        Object[] args = buildingId == null ? new Object[] {communityId, limit, offset}
                : new Object[] {communityId, buildingId, limit, offset};
        return jdbc.query(sql, (rs, n) -> place(kind, rs), args);
    }

    long countPlaces(String communityId, PlaceKind kind, @Nullable String buildingId) {
        String sql = "SELECT count(*) FROM " + table(kind) + " WHERE community_id = ?" + (buildingId == null ? "" : " AND building_id = ?");
        Long count = buildingId == null ? jdbc.queryForObject(sql, Long.class, communityId)
                : jdbc.queryForObject(sql, Long.class, communityId, buildingId);
        return count == null ? 0 : count;
    }

    Optional<Place> place(String communityId, PlaceKind kind, String id) {
        return jdbc.query("SELECT * FROM " + table(kind) + " WHERE community_id = ? AND id = ?", (rs, n) -> place(kind, rs),
                communityId, id).stream().findFirst();
    }

    /** Every place of the community, buildings first, each kind by id. */
    List<Place> allPlaces(String communityId) {
        List<Place> all = new ArrayList<>();
        for (PlaceKind kind : PlaceKind.values()) {
            all.addAll(jdbc.query("SELECT * FROM " + table(kind) + " WHERE community_id = ? ORDER BY id", (rs, n) -> place(kind, rs),
                    communityId));
        }
        return all;
    }

    /** The common area or energy subsystem that is the building's supply, other than {@code exceptId} of {@code exceptKind}. */
    Optional<Place> supplyOf(String communityId, String buildingId, PlaceKind exceptKind, String exceptId) {
        for (PlaceKind kind : List.of(PlaceKind.COMMON_AREA, PlaceKind.ENERGY_SUBSYSTEM)) {
            Optional<Place> supply = jdbc.query("SELECT * FROM " + table(kind)
                    + " WHERE community_id = ? AND building_id = ? AND building_supply AND NOT (? AND id = ?)",
                    (rs, n) -> place(kind, rs), communityId, buildingId, kind == exceptKind, exceptId).stream().findFirst();
            if (supply.isPresent()) {
                return supply;
            }
        }
        return Optional.empty();
    }

    /** Inserts or overwrites the places, buildings first; each gets a new revision. */
    List<Place> savePlaces(String communityId, List<PlaceSpec> specs) {
        List<Place> saved = new ArrayList<>(specs.size());
        for (PlaceKind kind : PlaceKind.values()) {
            List<PlaceSpec> ofKind = specs.stream().filter(s -> s.kind() == kind).toList();
            if (ofKind.isEmpty()) {
                continue;
            }
            List<String> columns = columns(kind);
            StringJoiner unnest = new StringJoiner(", ");
            StringJoiner select = new StringJoiner(", ");
            StringJoiner update = new StringJoiner(", ");
            for (String column : columns) {
                unnest.add("?::text[]");
                select.add("u." + column + (column.equals("members") ? "::smallint" : column.equals("building_supply") ? "::boolean" : ""));
                update.add(column + " = EXCLUDED." + column);
            }
            String sql = "INSERT INTO " + table(kind) + " (community_id, " + String.join(", ", columns) + ", revision, updated_at) "
                    + "SELECT ?, " + select + ", nextval('registry_revision'), now() FROM unnest(" + unnest + ") AS u("
                    + String.join(", ", columns) + ") ON CONFLICT (community_id, id) DO UPDATE SET " + update
                    + ", revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at RETURNING *";
            List<SqlArrays.Column> arrays = new ArrayList<>();
            for (String column : columns) {
                arrays.add(SqlArrays.of("text", ofKind, spec -> placeValue(spec, column)));
            }
            saved.addAll(jdbc.query(connection -> {
                var prepared = connection.prepareStatement(sql);
                prepared.setString(1, communityId);
                for (int i = 0; i < arrays.size(); i++) {
                    prepared.setArray(i + 2, connection.createArrayOf("text", arrays.get(i).values()));
                }
                return prepared;
            }, (rs, n) -> place(kind, rs)));
        }
        return saved;
    }

    private static @Nullable String placeValue(PlaceSpec spec, String column) {
        return switch (column) {
            case "id" -> spec.id();
            case "name" -> spec.name();
            case "building_id" -> spec.buildingId();
            case "members" -> spec.members() == null ? null : spec.members().toString();
            case "kind" -> spec.subsystemKind() == null ? null : spec.subsystemKind().name();
            case "building_supply" -> Boolean.toString(spec.buildingSupply());
            default -> throw new IllegalArgumentException(column);
        };
    }

    private static Place place(PlaceKind kind, ResultSet rs) throws SQLException {
        String buildingId = kind == PlaceKind.BUILDING ? null : rs.getString("building_id");
        Integer members = kind == PlaceKind.HOUSEHOLD ? rs.getInt("members") : null;
        SubsystemKind subsystemKind = kind == PlaceKind.ENERGY_SUBSYSTEM ? SubsystemKind.valueOf(rs.getString("kind")) : null;
        boolean buildingSupply = PlaceSpec.canSupply(kind) && rs.getBoolean("building_supply");
        return new Place(kind, rs.getString("id"), rs.getString("name"), buildingId, members, subsystemKind, buildingSupply,
                rs.getLong("revision"), instant(rs, "updated_at"));
    }

    // devices

    /** One page of a community's devices by id, optionally of one type, status or binding (and place). */
    List<Device> devices(String communityId, DeviceFilter filter, int limit, long offset) {
        List<Object> args = new ArrayList<>();
        String where = where(communityId, filter, args);
        args.add(limit);
        args.add(offset);
        return jdbc.query("SELECT " + DEVICE_COLUMNS + " FROM device WHERE " + where + " ORDER BY id LIMIT ? OFFSET ?",
                RegistryStore::device, args.toArray());
    }

    long countDevices(String communityId, DeviceFilter filter) {
        List<Object> args = new ArrayList<>();
        Long count = jdbc.queryForObject("SELECT count(*) FROM device WHERE " + where(communityId, filter, args), Long.class,
                args.toArray());
        return count == null ? 0 : count;
    }

    private static String where(String communityId, DeviceFilter filter, List<Object> args) {
        StringBuilder where = new StringBuilder("community_id = ?");
        args.add(communityId);
        if (filter.type() != null) {
            where.append(" AND type = ?");
            args.add(filter.type());
        }
        if (filter.status() != null) {
            where.append(" AND status = ?");
            args.add(filter.status().name());
        }
        if (filter.binding() != null) {
            where.append(" AND ").append(filter.binding().column());
            if (filter.boundId() != null) {
                where.append(" = ?");
                args.add(filter.boundId());
            }
            else {
                where.append(" IS NOT NULL");
            }
        }
        return where.toString();
    }

    Optional<Device> device(String communityId, String id) {
        return jdbc.query("SELECT " + DEVICE_COLUMNS + " FROM device WHERE community_id = ? AND id = ?", RegistryStore::device,
                communityId, id).stream().findFirst();
    }

    List<Device> allDevices(String communityId) {
        return jdbc.query("SELECT " + DEVICE_COLUMNS + " FROM device WHERE community_id = ? ORDER BY id", RegistryStore::device,
                communityId);
    }

    /** Inserts or overwrites the devices in one statement; each gets a new revision. */
    List<Device> saveDevices(String communityId, List<DeviceSpec> specs) {
        if (specs.isEmpty()) {
            return List.of();
        }
        String sql = """
                INSERT INTO device (community_id, id, type, model, location, household_id, area_id, subsystem_id, drop_point_id,
                    status, installed_on, retired_on, replaces, capacity_kg, revision, updated_at)
                SELECT ?, u.id, u.type, u.model, u.location, u.household_id, u.area_id, u.subsystem_id, u.drop_point_id,
                    u.status, u.installed_on::date, u.retired_on::date, u.replaces, u.capacity_kg::numeric,
                    nextval('registry_revision'), now()
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[])
                    AS u(id, type, model, location, household_id, area_id, subsystem_id, drop_point_id, status, installed_on,
                         retired_on, replaces, capacity_kg)
                ON CONFLICT (community_id, id) DO UPDATE SET type = EXCLUDED.type, model = EXCLUDED.model,
                    location = EXCLUDED.location, household_id = EXCLUDED.household_id, area_id = EXCLUDED.area_id,
                    subsystem_id = EXCLUDED.subsystem_id, drop_point_id = EXCLUDED.drop_point_id, status = EXCLUDED.status,
                    installed_on = EXCLUDED.installed_on, retired_on = EXCLUDED.retired_on, replaces = EXCLUDED.replaces,
                    capacity_kg = EXCLUDED.capacity_kg,
                    revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at
                RETURNING\s""" + DEVICE_COLUMNS;
        List<Object[]> columns = List.of(
                specs.stream().map(DeviceSpec::id).toArray(),
                specs.stream().map(DeviceSpec::type).toArray(),
                specs.stream().map(DeviceSpec::model).toArray(),
                specs.stream().map(DeviceSpec::location).toArray(),
                bound(specs, Binding.HOUSEHOLD), bound(specs, Binding.COMMON_AREA),
                bound(specs, Binding.ENERGY_SUBSYSTEM), bound(specs, Binding.DROP_POINT),
                specs.stream().map(s -> s.status().name()).toArray(),
                specs.stream().map(s -> s.installedOn().toString()).toArray(),
                specs.stream().map(s -> s.retiredOn() == null ? null : s.retiredOn().toString()).toArray(),
                specs.stream().map(DeviceSpec::replaces).toArray(),
                specs.stream().map(s -> s.capacityKg() == null ? null : s.capacityKg().toPlainString()).toArray());
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement(sql);
            statement.setString(1, communityId);
            for (int i = 0; i < columns.size(); i++) {
                statement.setArray(i + 2, connection.createArrayOf("text", columns.get(i)));
            }
            return statement;
        }, RegistryStore::device);
    }

    private static Object[] bound(List<DeviceSpec> specs, Binding binding) {
        return specs.stream().map(s -> s.binding() == binding ? s.boundId() : null).toArray();
    }

    private static Device device(ResultSet rs, int row) throws SQLException {
        Binding binding = null;
        String boundId = null;
        for (Binding candidate : Binding.values()) {
            String value = rs.getString(candidate.column());
            if (value != null) {
                binding = candidate;
                boundId = value;
            }
        }
        if (binding == null || boundId == null) {
            throw new IllegalStateException("device " + rs.getString("id") + " is bound to nothing, against the table's check");
        }
        return new Device(rs.getString("id"), rs.getString("type"), rs.getString("model"), rs.getString("location"), binding,
                boundId, DeviceStatus.valueOf(rs.getString("status")), rs.getObject("installed_on", LocalDate.class),
                rs.getObject("retired_on", LocalDate.class), rs.getString("replaces"), rs.getLong("revision"),
                instant(rs, "updated_at"), rs.getBigDecimal("capacity_kg"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, java.time.OffsetDateTime.class).toInstant();
    }

    /** How a device list is narrowed; {@code boundId} only with a binding. */
    record DeviceFilter(@Nullable String type, @Nullable DeviceStatus status, @Nullable Binding binding, @Nullable String boundId) {
    }
}
