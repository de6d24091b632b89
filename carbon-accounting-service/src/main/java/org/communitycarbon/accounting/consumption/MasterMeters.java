package org.communitycarbon.accounting.consumption;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.communitycarbon.accounting.place.BuildingSupplyStated;
import org.communitycarbon.accounting.rollup.Rollups;
import org.communitycarbon.support.security.Caller;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/**
 * Buildings' master (incoming) meters: which common area's or energy subsystem's electricity meter measures what a
 * building's households and common areas use together. The registry says which: the area or subsystem marked
 * {@code buildingSupply} ({@code PlaceChanged}, kept by the place listener, which announces each newer state of an area
 * as {@link BuildingSupplyStated} in its transaction); accounting has no say of its own. Its readings are kept apart
 * from every total (they would count the building twice) and compared with the sum of the building's meters in the
 * data-quality figures ({@link MeteredAccuracy}). A designation moves the area's rolled-up consumption out of the
 * community's common areas in the same transaction; an area no longer its building's supply, or a building's former
 * supply, moves back.
 */
@RestController
@RequestMapping("/api/accounting/communities/{communityId}")
class MasterMeters {

    /** Who designates a master meter: the registry, through the place's {@code buildingSupply}. */
    static final String REGISTRY = "registry";

    private final JdbcTemplate jdbc;

    MasterMeters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A building's master meter as the registry designates it.
     *
     * @param designatedBy {@code registry}
     * @param designatedAt when the registry marked the area as its building's supply
     */
    record MasterMeter(String buildingId, String areaId, String designatedBy, Instant designatedAt) {
    }

    @Operation(summary = "Buildings' master meters of the community, as the registry designates them: the areas or subsystems "
            + "marked buildingSupply (property team, street office, admins)")
    @GetMapping("/master-meters")
    @Transactional(readOnly = true)
    List<MasterMeter> list(Caller caller, @PathVariable String communityId) {
        caller.requireOversight(communityId);
        return jdbc.query("""
                SELECT building_id, area_id, designated_by, designated_at FROM master_meter WHERE community_id = ? ORDER BY building_id""",
                (rs, n) -> new MasterMeter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()),
                communityId);
    }

    /**
     * Follows the registry, in the transaction that stores the area's newer state: marked as its building's supply, the
     * area becomes the building's master meter (a former one, and the area's former building, count as common areas
     * again); no longer marked (or moved out of every building), it is a common area again.
     */
    @EventListener
    void follow(BuildingSupplyStated stated) {
        String communityId = stated.communityId();
        String areaId = stated.areaId();
        String buildingId = stated.buildingId();
        boolean designate = stated.buildingSupply() && buildingId != null;
        if (designate) {
            Integer same = jdbc.queryForObject("SELECT count(*) FROM master_meter WHERE community_id = ? AND building_id = ? AND area_id = ?",
                    Integer.class, communityId, buildingId, areaId);
            if (same != null && same > 0) {
                return;
            }
        }
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> {
        }, Rollups.MASTER_METERS_LOCK);
        List<String> former = designate
                ? jdbc.queryForList("""
                        DELETE FROM master_meter WHERE community_id = ? AND (building_id = ? OR area_id = ?) RETURNING area_id""",
                        String.class, communityId, buildingId, areaId)
                : jdbc.queryForList("DELETE FROM master_meter WHERE community_id = ? AND area_id = ? RETURNING area_id",
                        String.class, communityId, areaId);
        for (String area : former) {
            move(communityId, area, "MASTER", "COMMON_AREA");
        }
        if (designate) {
            jdbc.update("""
                    INSERT INTO master_meter (community_id, building_id, area_id, designated_by, designated_at) VALUES (?, ?, ?, ?, ?)""",
                    communityId, buildingId, areaId, REGISTRY, Timestamp.from(stated.occurredAt()));
            move(communityId, areaId, "COMMON_AREA", "MASTER");
        }
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
