package org.communitycarbon.accounting.consumption;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Measured accuracy: for each building with a master meter ({@link MasterMeters}), its electricity over whole local days
 * against the sum of the electricity meters of its households and of its common areas and subsystems — the difference is
 * what the submeters miss (losses, unmetered loads, faults). One query over the daily rollups, whatever the period.
 */
@Component
class MeteredAccuracy {

    /** The paper's claim: accounting error under 5 %. */
    static final BigDecimal CLAIM_PERCENT = new BigDecimal("5");

    private final JdbcTemplate jdbc;

    MeteredAccuracy(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param master what the building's master meter measured
     * @param submetered its households' and common areas' meters together
     * @param differencePercent (master − submetered) ÷ master, in per cent to 0.1; null when the master measured nothing
     * @param masterDaysWithReadings days on which the master meter's readings were counted, of {@code days}
     * @param householdsInBuilding the building's households in the registry
     * @param householdDayCoverage household-days with counted electricity readings over the registry's households × days, 0 to 1
     * @param flaggedReadings flagged readings of the master and submeters (glitches, resets, jumps, pending: not counted)
     * @param complete false when the figure rests on missing or flagged readings — {@code incomplete} says which
     */
    record BuildingAccuracy(String buildingId, String masterAreaId, Quantity master, Quantity submetered, Quantity households,
            Quantity commonAreas, @Nullable BigDecimal differencePercent, long days, long masterDaysWithReadings, long householdsInBuilding,
            BigDecimal householdDayCoverage, long flaggedReadings, boolean complete, List<String> incomplete) {
    }

    /**
     * The community's buildings with a master meter: their sums, the difference in per cent, and how many buildings are
     * within the paper's 5 % (of those with a complete figure).
     */
    record Accuracy(LocalDate from, LocalDate to, Quantity master, Quantity submetered, @Nullable BigDecimal differencePercent,
            int buildings, int completeBuildings, int completeWithinFivePercent, boolean complete, List<BuildingAccuracy> byBuilding) {
    }

    /** Over the whole local days {@code first} to {@code last}; null when the community has no master meter. */
    @Nullable Accuracy of(String communityId, LocalDate first, LocalDate last) {
        if (first.isAfter(last)) {
            return null;
        }
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        List<BuildingAccuracy> buildings = new ArrayList<>();
        jdbc.query("""
                WITH m AS (SELECT building_id, area_id FROM master_meter WHERE community_id = ?),
                r AS (
                    SELECT coalesce(ph.building_id, pa.building_id) AS building_id,
                           CASE WHEN d.area_id IN (SELECT area_id FROM m) THEN 'MASTER'
                                WHEN d.household_id <> '' THEN 'HOUSEHOLD' ELSE 'AREA' END AS role,
                           d.day, d.household_id, d.consumption, d.readings, d.flagged
                    FROM consumption_day d
                    LEFT JOIN place ph ON ph.community_id = d.community_id AND ph.kind = 'HOUSEHOLD' AND ph.place_id = d.household_id
                    LEFT JOIN place pa ON pa.community_id = d.community_id AND pa.kind IN ('COMMON_AREA', 'ENERGY_SUBSYSTEM')
                                      AND pa.place_id = d.area_id
                    WHERE d.community_id = ? AND d.meter_type = 'ELECTRICITY' AND d.day BETWEEN ? AND ?),
                h AS (SELECT building_id, count(*) AS households FROM place WHERE community_id = ? AND kind = 'HOUSEHOLD' GROUP BY 1)
                SELECT m.building_id, m.area_id,
                       coalesce(sum(r.consumption) FILTER (WHERE r.role = 'MASTER'), 0),
                       coalesce(sum(r.consumption) FILTER (WHERE r.role = 'HOUSEHOLD'), 0),
                       coalesce(sum(r.consumption) FILTER (WHERE r.role = 'AREA'), 0),
                       count(DISTINCT r.day) FILTER (WHERE r.role = 'MASTER' AND r.readings > r.flagged),
                       count(DISTINCT (r.household_id, r.day)) FILTER (WHERE r.role = 'HOUSEHOLD' AND r.readings > r.flagged),
                       coalesce(sum(r.flagged), 0), coalesce(max(h.households), 0)
                FROM m LEFT JOIN r ON r.building_id = m.building_id LEFT JOIN h ON h.building_id = m.building_id
                GROUP BY m.building_id, m.area_id ORDER BY m.building_id""",
                rs -> {
                    BigDecimal master = rs.getBigDecimal(3);
                    BigDecimal households = rs.getBigDecimal(4);
                    BigDecimal areas = rs.getBigDecimal(5);
                    long masterDays = rs.getLong(6);
                    long householdDays = rs.getLong(7);
                    long flagged = rs.getLong(8);
                    long householdCount = rs.getLong(9);
                    BigDecimal coverage = householdCount == 0 ? BigDecimal.ZERO
                            : BigDecimal.valueOf(householdDays).divide(BigDecimal.valueOf(householdCount * days), 4, RoundingMode.HALF_UP);
                    List<String> incomplete = new ArrayList<>();
                    if (masterDays < days) {
                        incomplete.add("MASTER_DAYS_MISSING");
                    }
                    if (householdCount == 0 || householdDays < householdCount * days) {
                        incomplete.add("HOUSEHOLD_DAYS_MISSING");
                    }
                    if (flagged > 0) {
                        incomplete.add("FLAGGED_READINGS");
                    }
                    BigDecimal submetered = households.add(areas);
                    buildings.add(new BuildingAccuracy(rs.getString(1), rs.getString(2), kwh(master), kwh(submetered), kwh(households),
                            kwh(areas), percent(master, submetered), days, masterDays, householdCount, coverage, flagged,
                            incomplete.isEmpty(), List.copyOf(incomplete)));
                },
                communityId, communityId, Date.valueOf(first), Date.valueOf(last), communityId);
        if (buildings.isEmpty()) {
            return null;
        }
        BigDecimal master = buildings.stream().map(b -> b.master().value()).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal submetered = buildings.stream().map(b -> b.submetered().value()).reduce(BigDecimal.ZERO, BigDecimal::add);
        int complete = (int) buildings.stream().filter(BuildingAccuracy::complete).count();
        int within = (int) buildings.stream().filter(b -> b.complete() && b.differencePercent() != null
                && b.differencePercent().abs().compareTo(CLAIM_PERCENT) < 0).count();
        return new Accuracy(first, last, kwh(master), kwh(submetered), percent(master, submetered), buildings.size(), complete, within,
                complete == buildings.size(), buildings);
    }

    private static Quantity kwh(BigDecimal value) {
        return Quantity.of(value.setScale(3, RoundingMode.HALF_UP), Unit.KWH);
    }

    private static @Nullable BigDecimal percent(BigDecimal master, BigDecimal submetered) {
        if (master.signum() == 0) {
            return null;
        }
        return master.subtract(submetered).multiply(BigDecimal.valueOf(100)).divide(master, 1, RoundingMode.HALF_UP);
    }
}
