package org.communitycarbon.recycling.reports;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.communitycarbon.model.Unit;
import org.communitycarbon.model.reports.MonthlyFigure;
import org.communitycarbon.model.reports.MonthlyFigureNames;
import org.communitycarbon.model.reports.ReportSource;
import org.communitycarbon.support.reports.MonthlyFiguresSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The pickups of a community settled in a month — weighed and priced at the door, paid in cash or in credits — and
 * the kilograms they weighed: one query over {@code [from, to)} by settlement time. The communities are the registry's,
 * with their time zones ({@link org.communitycarbon.support.reports.CommunityZoneListener}); a community the registry has not named is not reported rather
 * than cut in a guessed zone.
 */
@Component
class RecyclingMonthlyFigures implements MonthlyFiguresSource {

    private final JdbcTemplate jdbc;

    RecyclingMonthlyFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportSource source() {
        return ReportSource.RECYCLING;
    }

    @Override
    public List<ReportedCommunity> communities() {
        return jdbc.query("SELECT id, time_zone FROM community_zone ORDER BY id",
                (rs, row) -> new ReportedCommunity(rs.getString(1), ZoneId.of(rs.getString(2))));
    }

    @Override
    public List<MonthlyFigure> figures(String communityId, Instant from, Instant to) {
        return jdbc.queryForObject("""
                SELECT coalesce(sum(weighed_kg), 0), count(*) FROM pickup_booking
                WHERE community_id = ? AND settled_at >= ? AND settled_at < ?""",
                (rs, row) -> List.of(
                        new MonthlyFigure(MonthlyFigureNames.RECYCLING_KG, rs.getBigDecimal(1), Unit.KG),
                        new MonthlyFigure(MonthlyFigureNames.RECYCLING_PICKUPS, BigDecimal.valueOf(rs.getLong(2)), Unit.COUNT)),
                communityId, Timestamp.from(from), Timestamp.from(to));
    }
}
