package org.communitycarbon.accounting.portrait;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.communitycarbon.accounting.rollup.Months;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every household of a community over a range of local days, in one query over the rollups and the registry:
 * its emissions (household meters, PV left out, each day's consumption priced by the factor recorded with it; kg
 * CO2 of electricity and gas counted as kg CO2e), its reductions, its building and members. A household is
 * <em>ranked</em> when the registry gives its members and it has meter readings in the range: a household without
 * data never ranks first for emitting nothing.
 */
@Component
@Transactional(readOnly = true)
class HouseholdMonths {

    private final JdbcTemplate jdbc;

    HouseholdMonths(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param emissions kg CO2e, unrounded
     * @param readings meter readings stored (0: no data)
     */
    record HouseholdFigures(String householdId, @Nullable String buildingId, @Nullable Integer members, BigDecimal emissions,
            BigDecimal reductions, long readings, long flagged) {

        boolean ranked() {
            return members != null && readings > 0;
        }

        BigDecimal emissionsPerMember() {
            return perMember(emissions);
        }

        BigDecimal reductionsPerMember() {
            return perMember(reductions);
        }

        private BigDecimal perMember(BigDecimal value) {
            return members == null ? BigDecimal.ZERO : value.divide(BigDecimal.valueOf(members), 6, RoundingMode.HALF_UP);
        }
    }

    List<HouseholdFigures> of(String communityId, YearMonth month) {
        return of(communityId, month.atDay(1), month.atEndOfMonth());
    }

    List<HouseholdFigures> of(String communityId, LocalDate from, LocalDate to) {
        // whole months from the monthly rollups, the days at the edges from the daily ones
        Months months = Months.within(from, to);
        Object[] m = months.monthArgs();
        Object[] d = months.dayArgs();
        return jdbc.query("""
                WITH em AS (
                    SELECT d.household_id, sum(d.consumption * f.value / f.per_quantity) AS emissions, sum(d.readings) AS readings,
                           sum(d.flagged) AS flagged
                    FROM (SELECT household_id, meter_type, factor_id, consumption, readings, flagged FROM consumption_month
                          WHERE community_id = ? AND household_id <> '' AND month BETWEEN ? AND ?
                          UNION ALL
                          SELECT household_id, meter_type, factor_id, consumption, readings, flagged FROM consumption_day
                          WHERE community_id = ? AND household_id <> '' AND (day BETWEEN ? AND ? OR day BETWEEN ? AND ?)) d
                    LEFT JOIN methodology_factor f ON f.id = d.factor_id
                    WHERE d.meter_type <> 'PV_GENERATION'
                    GROUP BY d.household_id),
                red AS (
                    SELECT household_id, sum(reduction) AS reductions
                    FROM (SELECT household_id, reduction FROM reduction_month WHERE community_id = ? AND month BETWEEN ? AND ?
                          UNION ALL
                          SELECT household_id, reduction FROM reduction_day
                          WHERE community_id = ? AND (day BETWEEN ? AND ? OR day BETWEEN ? AND ?)) r
                    GROUP BY household_id),
                hh AS (
                    SELECT place_id AS household_id, building_id, members FROM place WHERE community_id = ? AND kind = 'HOUSEHOLD')
                SELECT household_id, hh.building_id, hh.members, coalesce(em.emissions, 0), coalesce(red.reductions, 0),
                       coalesce(em.readings, 0), coalesce(em.flagged, 0)
                FROM em FULL JOIN red USING (household_id) FULL JOIN hh USING (household_id)
                ORDER BY household_id""",
                (rs, n) -> new HouseholdFigures(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getLong(6), rs.getLong(7)),
                communityId, m[0], m[1], communityId, d[0], d[1], d[2], d[3], communityId, m[0], m[1], communityId, d[0], d[1], d[2], d[3],
                communityId);
    }

    /** Emissions of the common areas the registry places in a building, per building (kg CO2e, unrounded). */
    java.util.Map<String, BigDecimal> commonAreasByBuilding(String communityId, LocalDate from, LocalDate to) {
        java.util.Map<String, BigDecimal> byBuilding = new java.util.HashMap<>();
        jdbc.query("""
                SELECT p.building_id, sum(d.consumption * f.value / f.per_quantity)
                FROM consumption_day d JOIN place p ON p.community_id = d.community_id AND p.kind = 'COMMON_AREA' AND p.place_id = d.area_id
                JOIN methodology_factor f ON f.id = d.factor_id
                WHERE d.community_id = ? AND d.area_id <> '' AND d.meter_type <> 'PV_GENERATION' AND d.day BETWEEN ? AND ?
                  AND p.building_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM master_meter x WHERE x.community_id = d.community_id AND x.area_id = d.area_id)
                GROUP BY p.building_id""",
                rs -> {
                    byBuilding.put(rs.getString(1), rs.getBigDecimal(2));
                },
                communityId, Date.valueOf(from), Date.valueOf(to));
        return byBuilding;
    }

    /** The names of a community's buildings in the registry. */
    java.util.Map<String, String> buildingNames(String communityId) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        jdbc.query("SELECT place_id, name FROM place WHERE community_id = ? AND kind = 'BUILDING'",
                rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                }, communityId);
        return names;
    }

    /** The methodology versions whose factors priced a community's consumption and reductions in a range. */
    List<String> versions(String communityId, LocalDate from, LocalDate to) {
        return List.copyOf(new TreeSet<>(jdbc.queryForList("""
                SELECT v.methodology_id || ' v' || v.version FROM methodology_factor f JOIN methodology_version v ON v.id = f.version_id
                WHERE f.id IN (SELECT factor_id FROM community_consumption_day WHERE community_id = ? AND day BETWEEN ? AND ?
                               UNION SELECT factor_id FROM community_reduction_day WHERE community_id = ? AND day BETWEEN ? AND ?)""",
                String.class, communityId, Date.valueOf(from), Date.valueOf(to), communityId, Date.valueOf(from), Date.valueOf(to))));
    }

    /** The median of some values (the mean of the middle two for an even count); zero for none. */
    static BigDecimal median(Collection<BigDecimal> values) {
        List<BigDecimal> sorted = new ArrayList<>(values);
        if (sorted.isEmpty()) {
            return BigDecimal.ZERO;
        }
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), 6, RoundingMode.HALF_UP);
    }

    /**
     * The share of the others that do worse, 0 to 100: for emissions, those emitting more per member; for
     * reductions, those reducing less. 100 for the only one.
     */
    static int percentile(BigDecimal value, Collection<BigDecimal> all, boolean lowerIsBetter) {
        if (all.size() <= 1) {
            return 100;
        }
        long worse = all.stream().filter(v -> lowerIsBetter ? v.compareTo(value) > 0 : v.compareTo(value) < 0).count();
        return (int) Math.round(100.0 * worse / (all.size() - 1));
    }

    /** 1 for the best; ties share a rank. */
    static int rank(BigDecimal value, Collection<BigDecimal> all, boolean lowerIsBetter) {
        return 1 + (int) all.stream().filter(v -> lowerIsBetter ? v.compareTo(value) < 0 : v.compareTo(value) > 0).count();
    }
}
