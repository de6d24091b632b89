package org.communitycarbon.accounting.portrait;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.communitycarbon.accounting.portrait.HouseholdMonths.HouseholdFigures;
import org.communitycarbon.accounting.rollup.PricedSum;
import org.communitycarbon.model.sensing.MeterType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A portrait's months from the rollups: every household of the community per month (for medians, percentiles and
 * improvers), and the subject's — a household, a building's households, or the community — emissions by source
 * and reductions by behaviour per month. Four queries whatever the number of months.
 */
@Component
@Transactional(readOnly = true)
class PortraitQueries {

    private final JdbcTemplate jdbc;

    PortraitQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The subject of a portrait: a household, a building, or (both null) the community. */
    record Subject(String communityId, @Nullable String householdId, @Nullable String buildingId) {
    }

    /**
     * Every household of the community, per month of {@code [first, last]}: one row per household and month from
     * {@code household_month}, which holds exactly what summing and pricing its rows of {@code consumption_month} and
     * {@code reduction_month} gives (the rollups keep it; {@code RollupIT} compares the two), with its building and members.
     */
    Map<YearMonth, List<HouseholdFigures>> households(String communityId, YearMonth first, YearMonth last) {
        Map<YearMonth, List<HouseholdFigures>> months = new TreeMap<>();
        Map<java.time.LocalDate, YearMonth> keys = new HashMap<>();
        jdbc.query("""
                SELECT h.month, h.household_id, p.building_id, p.members, h.emissions, h.reductions, h.readings, h.flagged
                FROM household_month h
                LEFT JOIN place p ON p.community_id = h.community_id AND p.kind = 'HOUSEHOLD' AND p.place_id = h.household_id
                WHERE h.community_id = ? AND h.month BETWEEN ? AND ?""",
                rs -> {
                    YearMonth month = keys.computeIfAbsent(rs.getDate(1).toLocalDate(), YearMonth::from);
                    months.computeIfAbsent(month, k -> new ArrayList<>()).add(new HouseholdFigures(rs.getString(2), rs.getString(3),
                            (Integer) rs.getObject(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getLong(7), rs.getLong(8)));
                },
                communityId, Date.valueOf(first.atDay(1)), Date.valueOf(last.atDay(1)));
        return months;
    }

    /** The subject's consumption per month and meter type, by recorded factor. */
    Map<YearMonth, Map<MeterType, PricedSum>> sources(Subject subject, YearMonth first, YearMonth last) {
        Map<YearMonth, Map<MeterType, PricedSum>> months = new TreeMap<>();
        String sql = subject.householdId() == null && subject.buildingId() == null ? """
                SELECT to_char(day, 'YYYY-MM'), meter_type, factor_id, sum(consumption), sum(readings), sum(flagged)
                FROM community_consumption_day WHERE community_id = ? AND day BETWEEN ? AND ? AND scope <> 'MASTER'
                GROUP BY 1, 2, 3"""
                : """
                SELECT to_char(d.day, 'YYYY-MM'), d.meter_type, d.factor_id, sum(d.consumption), sum(d.readings), sum(d.flagged)
                FROM consumption_day d
                WHERE d.community_id = ? AND d.day BETWEEN ? AND ? AND d.household_id <> ''
                  AND (CAST(? AS text) IS NULL OR d.household_id = ?)
                  AND (CAST(? AS text) IS NULL OR d.household_id IN (SELECT place_id FROM place WHERE community_id = d.community_id
                                                                     AND kind = 'HOUSEHOLD' AND building_id = ?))
                GROUP BY 1, 2, 3""";
        List<Object> args = new ArrayList<>(List.of(subject.communityId(), Date.valueOf(first.atDay(1)), Date.valueOf(last.atEndOfMonth())));
        if (subject.householdId() != null || subject.buildingId() != null) {
            args.add(subject.householdId());
            args.add(subject.householdId());
            args.add(subject.buildingId());
            args.add(subject.buildingId());
        }
        jdbc.query(sql, rs -> {
            months.computeIfAbsent(YearMonth.parse(rs.getString(1)), k -> new TreeMap<>())
                    .computeIfAbsent(MeterType.valueOf(rs.getString(2)), k -> new PricedSum())
                    .add(rs.getLong(3), rs.getBigDecimal(4), rs.getLong(5), rs.getLong(6));
        }, args.toArray());
        return months;
    }

    /** The subject's reductions per month and behaviour, kg CO2e. */
    Map<YearMonth, Map<String, BigDecimal>> reductions(Subject subject, YearMonth first, YearMonth last) {
        Map<YearMonth, Map<String, BigDecimal>> months = new HashMap<>();
        String sql = subject.householdId() == null && subject.buildingId() == null ? """
                SELECT to_char(day, 'YYYY-MM'), behaviour, sum(reduction) FROM community_reduction_day
                WHERE community_id = ? AND day BETWEEN ? AND ? GROUP BY 1, 2"""
                : """
                SELECT to_char(r.day, 'YYYY-MM'), r.behaviour, sum(r.reduction) FROM reduction_day r
                WHERE r.community_id = ? AND r.day BETWEEN ? AND ?
                  AND (CAST(? AS text) IS NULL OR r.household_id = ?)
                  AND (CAST(? AS text) IS NULL OR r.household_id IN (SELECT place_id FROM place WHERE community_id = r.community_id
                                                                     AND kind = 'HOUSEHOLD' AND building_id = ?))
                GROUP BY 1, 2""";
        List<Object> args = new ArrayList<>(List.of(subject.communityId(), Date.valueOf(first.atDay(1)), Date.valueOf(last.atEndOfMonth())));
        if (subject.householdId() != null || subject.buildingId() != null) {
            args.add(subject.householdId());
            args.add(subject.householdId());
            args.add(subject.buildingId());
            args.add(subject.buildingId());
        }
        jdbc.query(sql, rs -> {
            months.computeIfAbsent(YearMonth.parse(rs.getString(1)), k -> new TreeMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
        }, args.toArray());
        return months;
    }
}
