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
                SELECT household_id, to_char(day, 'YYYY-MM'), sum(kwh), count(*) FILTER (WHERE readings > flagged),
                       -- a meter replaced in the month counts as a flagged reading: the readings between the old meter's
                       -- last and the new one's first are lost
                       sum(flagged) + (SELECT count(DISTINCT b.cause_event_id) FROM baseline_recomputation b
                                       WHERE b.community_id = ? AND b.household_id = d.household_id AND b.reason = 'METER_REPLACED'
                                         AND date_trunc('month', b.changed_on) = date_trunc('month', min(d.day)))
                FROM d GROUP BY 1, 2""",
                rs -> {
                    YearMonth month = YearMonth.parse(rs.getString(2));
                    households.computeIfAbsent(rs.getString(1), h -> new TreeMap<>()).put(month,
                            new MonthFigures(month, rs.getBigDecimal(3).setScale(3, RoundingMode.HALF_UP), rs.getInt(4), rs.getInt(5)));
                },
                communityId, Date.valueOf(last.atEndOfMonth()), householdId, householdId, buildingId, communityId, buildingId,
                communityId);
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
                WHERE p.members IS NOT NULL AND m.flagged = 0 AND m.days >= ?
                  -- nor a month in which its meter was replaced (the readings between the two meters are lost)
                  AND NOT EXISTS (SELECT 1 FROM baseline_recomputation b WHERE b.community_id = m.community_id
                                  AND b.household_id = m.household_id AND b.reason = 'METER_REPLACED'
                                  AND b.changed_on BETWEEN ? AND ?)""",
                rs -> {
                    perMemberPerDay.add(rs.getBigDecimal(1).divide(BigDecimal.valueOf((long) rs.getInt(2) * days), 7, RoundingMode.HALF_UP));
                },
                communityType, Date.valueOf(month.atDay(1)), Date.valueOf(month.atEndOfMonth()),
                minCoverage.multiply(BigDecimal.valueOf(days)).setScale(0, RoundingMode.CEILING).intValueExact(),
                Date.valueOf(month.atDay(1)), Date.valueOf(month.atEndOfMonth()));
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

    /** A baseline recomputed after a registry change: when, why, before and after. */
    record Recomputation(String reason, java.time.LocalDate changedOn, String detail, @Nullable BigDecimal oldBaselineKwh,
            @Nullable String oldSource, @Nullable BigDecimal newBaselineKwh, @Nullable String newSource, java.time.Instant recomputedAt) {
    }

    /** The recomputations of a household's month, oldest first. */
    List<Recomputation> recomputations(String communityId, String householdId, YearMonth month) {
        return jdbc.query("""
                SELECT reason, changed_on, detail, old_baseline_kwh, old_source, new_baseline_kwh, new_source, recomputed_at
                FROM baseline_recomputation WHERE community_id = ? AND household_id = ? AND month = ?
                ORDER BY recomputed_at, cause_event_id""",
                (rs, n) -> new Recomputation(rs.getString(1), rs.getObject(2, java.time.LocalDate.class), rs.getString(3),
                        rs.getBigDecimal(4), rs.getString(5), rs.getBigDecimal(6), rs.getString(7), rs.getTimestamp(8).toInstant()),
                communityId, householdId, Date.valueOf(month.atDay(1)));
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
