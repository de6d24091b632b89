package org.communitycarbon.ops.monitoring;

import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.communitycarbon.model.registry.CommunityChanged;
import org.communitycarbon.model.registry.PlaceChanged;
import org.communitycarbon.model.registry.PlaceKind;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What monitoring knows of the registry: each community's time zone and street (for the monthly reports), and its buildings, common areas and energy
 * subsystems, with which of them is its building's supply (the registry's {@code buildingSupply}). The newest revision of each wins, so a redelivered older state never overwrites a newer one; households
 * and drop points are not kept.
 */
@Component
class Registry {

    private static final Set<PlaceKind> KEPT = Set.of(PlaceKind.BUILDING, PlaceKind.COMMON_AREA, PlaceKind.ENERGY_SUBSYSTEM);

    private final JdbcClient jdbc;
    private final ZoneId defaultZone;

    Registry(JdbcClient jdbc, MonitoringSettings settings) {
        this.jdbc = jdbc;
        this.defaultZone = settings.defaultTimeZone();
    }

    @Transactional
    public void recordCommunities(List<CommunityChanged> communities) {
        for (CommunityChanged c : communities) {
            jdbc.sql("""
                    INSERT INTO monitoring_community (community_id, time_zone, street_id, revision) VALUES (?, ?, ?, ?)
                    ON CONFLICT (community_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, street_id = EXCLUDED.street_id,
                        revision = EXCLUDED.revision
                    WHERE monitoring_community.revision < EXCLUDED.revision""")
                    .params(c.communityId(), c.timeZone(), c.streetId(), c.revision())
                    .update();
        }
    }

    @Transactional
    public void recordPlaces(List<PlaceChanged> places) {
        for (PlaceChanged p : places) {
            if (!KEPT.contains(p.kind())) {
                continue;
            }
            jdbc.sql("""
                    INSERT INTO monitoring_place (community_id, kind, place_id, name, building_id, subsystem_kind, building_supply,
                        revision)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (community_id, kind, place_id) DO UPDATE SET name = EXCLUDED.name,
                        building_id = EXCLUDED.building_id, subsystem_kind = EXCLUDED.subsystem_kind,
                        building_supply = EXCLUDED.building_supply, revision = EXCLUDED.revision
                    WHERE monitoring_place.revision < EXCLUDED.revision""")
                    .params(p.communityId(), p.kind().name(), p.placeId(), p.name(), p.buildingId(),
                            p.subsystemKind() == null ? null : p.subsystemKind().name(),
                            p.kind() != PlaceKind.BUILDING && p.suppliesBuilding(), p.revision())
                    .update();
        }
    }

    /** The communities' time zones; the default one for a community the registry has not described. */
    Map<String, ZoneId> zones(Collection<String> communities) {
        Map<String, ZoneId> zones = new HashMap<>();
        if (!communities.isEmpty()) {
            jdbc.sql("SELECT community_id, time_zone FROM monitoring_community WHERE community_id = ANY(?)")
                    .param(communities.toArray(String[]::new))
                    .query(rs -> {
                        zones.put(rs.getString(1), ZoneId.of(rs.getString(2)));
                    });
        }
        for (String community : communities) {
            zones.putIfAbsent(community, defaultZone);
        }
        return zones;
    }

    ZoneId zone(String community) {
        return zones(List.of(community)).get(community);
    }

    /**
     * The places a meter's {@code areaId} can name in a community, by id: an energy subsystem when one has the id,
     * else a common area.
     */
    Map<String, Place> places(String community) {
        Map<String, Place> places = new HashMap<>();
        jdbc.sql("""
                SELECT kind, place_id, name, building_id, subsystem_kind, building_supply FROM monitoring_place
                WHERE community_id = ? AND kind <> 'BUILDING'
                ORDER BY CASE kind WHEN 'ENERGY_SUBSYSTEM' THEN 0 ELSE 1 END""")
                .param(community)
                .query((rs, row) -> {
                    places.putIfAbsent(rs.getString(2), new Place(rs.getString(2), PlaceKind.valueOf(rs.getString(1)),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6)));
                    return rs.getString(2);
                })
                .list();
        return places;
    }

    /**
     * A common area or energy subsystem.
     *
     * @param subsystemKind what a subsystem does ({@code LIGHTING}, ...); null for a common area
     * @param buildingSupply whether it is its building's incoming supply: its electricity meter is the building's master
     *        meter, measuring the building's households and common areas together, so it is not common-area electricity
     */
    record Place(String id, PlaceKind kind, String name, @Nullable String buildingId, @Nullable String subsystemKind,
            boolean buildingSupply) {

        /** The subsystem kind, {@code COMMON_AREA} for an area. */
        String group() {
            return subsystemKind != null ? subsystemKind : kind.name();
        }
    }
}
