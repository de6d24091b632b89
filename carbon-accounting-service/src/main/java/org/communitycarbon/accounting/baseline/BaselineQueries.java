package org.communitycarbon.accounting.baseline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Household electricity per local month from the daily rollups, members from the registry, and settlements recorded. */
@Component
class BaselineQueries {

    private final JdbcTemplate jdbc;

    BaselineQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every month up to {@code last} of the community's households with electricity — one household, a building's, or all
     * ({@code null}s) — per household: kWh, days with an unflagged reading, flagged readings. One query.
     */
    Map<String, NavigableMap<YearMonth, MonthFigures>> history(String communityId, @Nullable String householdId,
            @Nullable String buildingId, YearMonth last) {
        Map<String, NavigableMap<YearMonth, MonthFigures>> households = new TreeMap<>();
        jdbc.query("""
                WITH d AS (
                    SELECT household_id, day, sum(consumption) AS kwh, sum(readings) AS readings, sum(flagged) AS flagged
                    FROM consumption_day
                    WHERE community_id = ? AND household_id <> '' AND meter_type = 'ELECTRICITY' AND day <= ?
                      AND (CAST(? AS text) IS NULL OR household_id = ?)
                      AND (CAST(? AS text) IS NULL OR household_id IN (SELECT place_id FROM place WHERE community_id = ?
                                                                       AND kind = 'HOUSEHOLD' AND building_id = ?))
                    GROUP BY household_id, day)
                SELECT household_id, to_char(day, 'YYYY-MM'), sum(kwh), count(*) FILTER (WHERE readings > flagged), sum(flagged)
                FROM d GROUP BY 1, 2""",
                rs -> {
                    YearMonth month = YearMonth.parse(rs.getString(2));
                    households.computeIfAbsent(rs.getString(1), h -> new TreeMap<>()).put(month,
                            new MonthFigures(month, rs.getBigDecimal(3).setScale(3, RoundingMode.HALF_UP), rs.getInt(4), rs.getInt(5)));
                },
                communityId, Date.valueOf(last.atEndOfMonth()), householdId, householdId, buildingId, communityId, buildingId);
        return households;
    }

    /** The members of the community's households, as the registry last told them. */
    Map<String, Integer> members(String communityId) {
        Map<String, Integer> members = new HashMap<>();
        jdbc.query("SELECT place_id, members FROM place WHERE community_id = ? AND kind = 'HOUSEHOLD' AND members IS NOT NULL",
                rs -> {
                    members.put(rs.getString(1), rs.getInt(2));
                }, communityId);
        return members;
    }

    /**
     * The median kWh per member and day in a month of the households of every community of a type whose month is usable
     * (enough days with readings, none flagged) and whose members the registry gives.
     */
    BaselineRule.PeerMedian peerMedian(String communityType, YearMonth month, BigDecimal minCoverage) {
        List<BigDecimal> perMemberPerDay = new ArrayList<>();
        int days = month.lengthOfMonth();
        jdbc.query("""
                WITH d AS (
                    SELECT c.community_id, c.household_id, c.day, sum(c.consumption) AS kwh, sum(c.readings) AS readings,
                           sum(c.flagged) AS flagged
                    FROM consumption_day c
                    WHERE c.community_id IN (SELECT id FROM community WHERE community_type = ?) AND c.household_id <> ''
                      AND c.meter_type = 'ELECTRICITY' AND c.day BETWEEN ? AND ?
                    GROUP BY 1, 2, 3),
                m AS (
                    SELECT community_id, household_id, sum(kwh) AS kwh, count(*) FILTER (WHERE readings > flagged) AS days,
                           sum(flagged) AS flagged
                    FROM d GROUP BY 1, 2)
                SELECT m.kwh, p.members FROM m
                JOIN place p ON p.community_id = m.community_id AND p.kind = 'HOUSEHOLD' AND p.place_id = m.household_id
                WHERE p.members IS NOT NULL AND m.flagged = 0 AND m.days >= ?""",
                rs -> {
                    perMemberPerDay.add(rs.getBigDecimal(1).divide(BigDecimal.valueOf((long) rs.getInt(2) * days), 7, RoundingMode.HALF_UP));
                },
                communityType, Date.valueOf(month.atDay(1)), Date.valueOf(month.atEndOfMonth()),
                minCoverage.multiply(BigDecimal.valueOf(days)).setScale(0, RoundingMode.CEILING).intValueExact());
        return new BaselineRule.PeerMedian(communityType,
                perMemberPerDay.isEmpty() ? BigDecimal.ZERO : BaselineRule.median(perMemberPerDay), perMemberPerDay.size());
    }

    /** A household-month as settled. */
    record Settled(UUID id, String householdId, BaselineRule.Outcome outcome, BigDecimal actualKwh, int daysWithReadings,
            int flagged, @Nullable BigDecimal baselineKwh, BaselineRule.@Nullable Source source, @Nullable String basis,
            BigDecimal savingKwh, @Nullable UUID reductionId, @Nullable BigDecimal reductionKg, java.time.Instant settledAt) {
    }

    /** The settlements of a month: one household, a building's, or all ({@code null}s), with their reductions' kg CO2e. */
    Map<String, Settled> settled(String communityId, @Nullable String householdId, @Nullable String buildingId, YearMonth month) {
        Map<String, Settled> settled = new TreeMap<>();
        jdbc.query("""
                SELECT s.id, s.household_id, s.outcome, s.actual_kwh, s.days_with_readings, s.flagged_readings, s.baseline_kwh,
                       s.baseline_source, s.baseline_basis, s.saving_kwh, s.reduction_id, r.reduction_kg_co2e, s.settled_at
                FROM electricity_settlement s LEFT JOIN carbon_reduction r ON r.id = s.reduction_id
                WHERE s.community_id = ? AND s.month = ?
                  AND (CAST(? AS text) IS NULL OR s.household_id = ?)
                  AND (CAST(? AS text) IS NULL OR s.household_id IN (SELECT place_id FROM place WHERE community_id = ?
                                                                     AND kind = 'HOUSEHOLD' AND building_id = ?))""",
                rs -> {
                    String source = rs.getString(8);
                    settled.put(rs.getString(2), new Settled(rs.getObject(1, UUID.class), rs.getString(2),
                            BaselineRule.Outcome.valueOf(rs.getString(3)), rs.getBigDecimal(4), rs.getInt(5), rs.getInt(6),
                            rs.getBigDecimal(7), source == null ? null : BaselineRule.Source.valueOf(source), rs.getString(9),
                            rs.getBigDecimal(10), rs.getObject(11, UUID.class), rs.getBigDecimal(12), rs.getTimestamp(13).toInstant()));
                },
                communityId, Date.valueOf(month.atDay(1)), householdId, householdId, buildingId, communityId, buildingId);
        return settled;
    }

    /** Whether any household-month of the community's month is settled. */
    boolean anySettled(String communityId, YearMonth month) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM electricity_settlement WHERE community_id = ? AND month = ?)",
                Boolean.class, communityId, Date.valueOf(month.atDay(1))));
    }

    /** Communities with household electricity on a day since {@code since}. */
    List<String> communitiesWithElectricity(java.time.LocalDate since) {
        return jdbc.queryForList("""
                SELECT DISTINCT community_id FROM community_consumption_day
                WHERE scope = 'HOUSEHOLD' AND meter_type = 'ELECTRICITY' AND day >= ?""", String.class, Date.valueOf(since));
    }
}
