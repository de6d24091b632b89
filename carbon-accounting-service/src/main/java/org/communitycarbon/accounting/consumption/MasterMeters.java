package org.communitycarbon.accounting.consumption;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.accounting.rollup.Rollups;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/**
 * Buildings' master (incoming) meters: which common area's or energy subsystem's electricity meter measures what a
 * building's households and common areas use together. Its readings are kept apart from every total (they would count
 * the building twice) and compared with the sum of the building's meters in the data-quality figures
 * ({@link MeteredAccuracy}). Designating one moves the area's rolled-up consumption out of the community's common areas
 * in the same transaction; designating another area for the building moves the old one back.
 */
@RestController
@RequestMapping("/api/accounting/communities/{communityId}")
class MasterMeters {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    MasterMeters(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Designation(@Nullable String areaId) {
    }

    record MasterMeter(String buildingId, String areaId, String designatedBy, java.time.Instant designatedAt) {
    }

    @Operation(summary = "Buildings' master meters of the community (property team, street office, admins)")
    @GetMapping("/master-meters")
    @Transactional(readOnly = true)
    List<MasterMeter> list(Caller caller, @PathVariable String communityId) {
        caller.requireOversight(communityId);
        return jdbc.query("""
                SELECT building_id, area_id, designated_by, designated_at FROM master_meter WHERE community_id = ? ORDER BY building_id""",
                (rs, n) -> new MasterMeter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()),
                communityId);
    }

    @Operation(summary = "Designates the common area (or energy subsystem) whose electricity meter is a building's master meter "
            + "(the community's property manager, admins)")
    @PutMapping("/buildings/{buildingId}/master-meter")
    @Transactional
    MasterMeter designate(Caller caller, @PathVariable String communityId, @PathVariable String buildingId,
            @RequestBody Designation body) {
        caller.requirePropertyTeam(communityId);
        caller.requireAnyRole(Role.ADMIN, Role.PROPERTY_MANAGER);
        Require.identifier(buildingId, "buildingId");
        String areaId = Require.identifier(body.areaId(), "areaId");
        Integer places = jdbc.queryForObject("""
                SELECT count(*) FROM place WHERE community_id = ? AND kind IN ('COMMON_AREA', 'ENERGY_SUBSYSTEM') AND place_id = ?
                  AND building_id = ?""", Integer.class, communityId, areaId, buildingId);
        if (places == null || places == 0) {
            throw new ContractViolation("areaId", "must be a common area or energy subsystem of building " + buildingId
                    + " in the registry");
        }
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> {
        }, Rollups.MASTER_METERS_LOCK);
        // the building's former master meter, and the area's former building, count as common areas again
        List<String> former = jdbc.queryForList("""
                DELETE FROM master_meter WHERE community_id = ? AND (building_id = ? OR area_id = ?) RETURNING area_id""",
                String.class, communityId, buildingId, areaId);
        for (String area : former) {
            move(communityId, area, "MASTER", "COMMON_AREA");
        }
        jdbc.update("""
                INSERT INTO master_meter (community_id, building_id, area_id, designated_by, designated_at) VALUES (?, ?, ?, ?, ?)""",
                communityId, buildingId, areaId, caller.subject(), Timestamp.from(clock.instant()));
        move(communityId, areaId, "COMMON_AREA", "MASTER");
        return new MasterMeter(buildingId, areaId, caller.subject(), clock.instant());
    }

    /** Moves an area's rolled-up consumption, per day and per hour, from one community scope to another. */
    private void move(String communityId, String areaId, String from, String to) {
        for (String[] table : List.of(new String[] {"consumption_day", "community_consumption_day", "day"},
                new String[] {"consumption_hour", "community_consumption_hour", "hour"})) {
            jdbc.update("""
                    WITH moved AS (
                        SELECT %3$s AS at, meter_type, factor_id, sum(consumption) AS c, sum(readings) AS n, sum(flagged) AS g
                        FROM %1$s WHERE community_id = ? AND area_id = ? GROUP BY 1, 2, 3),
                    taken AS (
                        UPDATE %2$s t SET consumption = t.consumption - m.c, readings = t.readings - m.n, flagged = t.flagged - m.g
                        FROM moved m
                        WHERE t.community_id = ? AND t.%3$s = m.at AND t.scope = ? AND t.meter_type = m.meter_type AND t.factor_id = m.factor_id
                        RETURNING 1)
                    INSERT INTO %2$s AS t (community_id, %3$s, scope, meter_type, factor_id, consumption, readings, flagged)
                    SELECT ?, at, ?, meter_type, factor_id, c, n, g FROM moved
                    ORDER BY 2, 4, 5
                    ON CONFLICT (community_id, %3$s, scope, meter_type, factor_id) DO UPDATE
                    SET consumption = t.consumption + EXCLUDED.consumption, readings = t.readings + EXCLUDED.readings,
                        flagged = t.flagged + EXCLUDED.flagged""".formatted(table[0], table[1], table[2]),
                    communityId, areaId, communityId, from, communityId, to);
        }
    }
}
