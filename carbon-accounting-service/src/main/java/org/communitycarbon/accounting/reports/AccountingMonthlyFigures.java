package org.communitycarbon.accounting.reports;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.reports.MonthlyFigure;
import org.communitycarbon.model.reports.MonthlyFigureNames;
import org.communitycarbon.model.reports.ReportSource;
import org.communitycarbon.support.reports.MonthlyFiguresSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Households (the registry's household places), their electricity and the reductions by behaviour of a community's
 * local month, from the daily rollups in the community's calendar (a day D holds what happened in
 * {@code (D 00:00, D+1 00:00]}): one query. The communities are those the registry told this service of, each with
 * its time zone; a community the registry has not named yet is not reported, rather than cut in a guessed zone.
 */
@Component
class AccountingMonthlyFigures implements MonthlyFiguresSource {

    private final JdbcTemplate jdbc;

    AccountingMonthlyFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportSource source() {
        return ReportSource.ACCOUNTING;
    }

    @Override
    public List<ReportedCommunity> communities() {
        return jdbc.query("SELECT id, time_zone FROM community ORDER BY id",
                (rs, row) -> new ReportedCommunity(rs.getString(1), ZoneId.of(rs.getString(2))));
    }

    @Override
    public List<MonthlyFigure> figures(String communityId, Instant from, Instant to) {
        Map<String, BigDecimal> counted = new HashMap<>();
        jdbc.query("""
                WITH c AS (
                    SELECT id, (?::timestamptz AT TIME ZONE time_zone)::date AS first_day,
                           ((?::timestamptz - interval '1 microsecond') AT TIME ZONE time_zone)::date AS last_day
                    FROM community WHERE id = ?),
                electricity AS (
                    SELECT coalesce(sum(d.consumption), 0) AS kwh, count(DISTINCT d.household_id) AS metered
                    FROM consumption_day d JOIN c ON d.community_id = c.id AND d.day BETWEEN c.first_day AND c.last_day
                    WHERE d.household_id <> '' AND d.meter_type = 'ELECTRICITY')
                SELECT 'households', count(*)::numeric FROM place WHERE community_id = ? AND kind = 'HOUSEHOLD'
                UNION ALL SELECT 'kwh', kwh FROM electricity
                UNION ALL SELECT 'metered', metered::numeric FROM electricity
                UNION ALL
                SELECT r.behaviour, sum(r.reduction)
                FROM community_reduction_day r JOIN c ON r.community_id = c.id AND r.day BETWEEN c.first_day AND c.last_day
                GROUP BY r.behaviour""",
                rs -> {
                    counted.put(rs.getString(1), rs.getBigDecimal(2));
                },
                Timestamp.from(from), Timestamp.from(to), communityId, communityId);
        List<MonthlyFigure> figures = new ArrayList<>();
        figures.add(figure(MonthlyFigureNames.HOUSEHOLDS, counted.get("households"), Unit.COUNT));
        figures.add(figure(MonthlyFigureNames.HOUSEHOLD_ELECTRICITY, counted.get("kwh"), Unit.KWH));
        figures.add(figure(MonthlyFigureNames.HOUSEHOLDS_METERED, counted.get("metered"), Unit.COUNT));
        for (ReductionBehaviour behaviour : ReductionBehaviour.values()) {
            figures.add(figure(MonthlyFigureNames.reductionOf(behaviour), counted.get(behaviour.name()), Unit.KG_CO2E));
        }
        return figures;
    }

    private static MonthlyFigure figure(String name, @Nullable BigDecimal value, Unit unit) {
        return new MonthlyFigure(name, value == null ? BigDecimal.ZERO : value, unit);
    }
}
