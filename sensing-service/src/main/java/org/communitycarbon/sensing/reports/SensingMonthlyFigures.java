package org.communitycarbon.sensing.reports;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.Unit;
import org.communitycarbon.model.reports.MonthlyFigure;
import org.communitycarbon.model.reports.MonthlyFigureNames;
import org.communitycarbon.model.reports.ReportSource;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.support.reports.MonthlyFiguresSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Devices, their uptime and the waste deposits of a community's local month, in one query:
 * <ul>
 * <li>devices registered at the month's end (now, for the running month): installed on or before its last day and
 * not retired by then;</li>
 * <li>expected hours: for each device, the whole hours of the month it was installed and not retired (from the local
 * midnight of its installation day to that of its retirement), up to the last whole hour of the running month;</li>
 * <li>reporting hours: the local hours of the month in which a device was heard ({@code device_hours}) on the days it
 * was expected to be, whole hours only, so that a device heard in the running hour, or on the day it was retired,
 * never reports more than it was expected to;</li>
 * <li>deposits, correctly sorted ones, households with a deposit and kilograms per kind ({@code deposit_tally}).</li>
 * </ul>
 * The communities and their time zones are the registry's own.
 */
@Component
class SensingMonthlyFigures implements MonthlyFiguresSource {

    private static final String FIGURES = """
            WITH c AS (
                SELECT id, ?::timestamptz AT TIME ZONE time_zone AS from_local, ?::timestamptz AT TIME ZONE time_zone AS to_local
                FROM community WHERE id = ?),
            devices AS (
                SELECT count(*) FILTER (WHERE d.installed_on <= (c.to_local - interval '1 microsecond')::date
                           AND (d.retired_on IS NULL OR d.retired_on > (c.to_local - interval '1 microsecond')::date)) AS registered,
                       coalesce(sum(greatest(0, floor(extract(epoch FROM
                           least(date_trunc('hour', c.to_local), coalesce(d.retired_on::timestamp, 'infinity'::timestamp))
                           - greatest(c.from_local, d.installed_on::timestamp)) / 3600))), 0) AS expected
                FROM device d JOIN c ON d.community_id = c.id),
            heard AS (
                SELECT coalesce(sum(bit_count((h.hours & CASE WHEN h.day < c.to_local::date THEN 16777215
                           ELSE (1 << extract(hour FROM c.to_local)::int) - 1 END)::bit(24))), 0) AS reporting
                FROM device_hours h JOIN c ON h.community_id = c.id AND h.day >= c.from_local::date AND h.day <= c.to_local::date
                JOIN device d ON d.community_id = h.community_id AND d.id = h.device_id
                    AND h.day >= d.installed_on AND (d.retired_on IS NULL OR h.day < d.retired_on)),
            deposits AS (
                SELECT t.household_id, t.waste_kind, t.deposits, t.correct, t.kg
                FROM deposit_tally t JOIN c ON t.community_id = c.id AND t.month = date_trunc('month', c.from_local)::date)
            SELECT 'registered', registered::numeric FROM devices
            UNION ALL SELECT 'expected', expected::numeric FROM devices
            UNION ALL SELECT 'reporting', reporting::numeric FROM heard
            UNION ALL SELECT 'deposits', coalesce(sum(deposits), 0)::numeric FROM deposits
            UNION ALL SELECT 'correct', coalesce(sum(correct), 0)::numeric FROM deposits
            UNION ALL SELECT 'households', count(DISTINCT household_id)::numeric FROM deposits
            UNION ALL SELECT 'kg.' || waste_kind, sum(kg) FROM deposits GROUP BY waste_kind""";

    private final JdbcTemplate jdbc;

    SensingMonthlyFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportSource source() {
        return ReportSource.SENSING;
    }

    @Override
    public List<ReportedCommunity> communities() {
        return jdbc.query("SELECT id, time_zone FROM community ORDER BY id",
                (rs, row) -> new ReportedCommunity(rs.getString(1), ZoneId.of(rs.getString(2))));
    }

    @Override
    public List<MonthlyFigure> figures(String communityId, Instant from, Instant to) {
        Map<String, BigDecimal> counted = new HashMap<>();
        jdbc.query(FIGURES, rs -> {
            counted.put(rs.getString(1), rs.getBigDecimal(2));
        }, Timestamp.from(from), Timestamp.from(to), communityId);
        List<MonthlyFigure> figures = new ArrayList<>();
        figures.add(figure(MonthlyFigureNames.DEVICES_REGISTERED, counted.get("registered"), Unit.COUNT));
        figures.add(figure(MonthlyFigureNames.DEVICE_HOURS_EXPECTED, counted.get("expected"), Unit.COUNT));
        figures.add(figure(MonthlyFigureNames.DEVICE_HOURS_REPORTING, counted.get("reporting"), Unit.COUNT));
        figures.add(figure(MonthlyFigureNames.DEPOSITS, counted.get("deposits"), Unit.COUNT));
        figures.add(figure(MonthlyFigureNames.DEPOSITS_CORRECT, counted.get("correct"), Unit.COUNT));
        figures.add(figure(MonthlyFigureNames.DEPOSIT_HOUSEHOLDS, counted.get("households"), Unit.COUNT));
        for (WasteKind kind : WasteKind.values()) {
            figures.add(figure(MonthlyFigureNames.wasteOf(kind), counted.get("kg." + kind.name()), Unit.KG));
        }
        return figures;
    }

    private static MonthlyFigure figure(String name, @Nullable BigDecimal value, Unit unit) {
        return new MonthlyFigure(name, value == null ? BigDecimal.ZERO : value, unit);
    }
}
