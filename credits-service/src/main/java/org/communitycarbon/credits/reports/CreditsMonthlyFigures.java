package org.communitycarbon.credits.reports;

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
 * Credits issued and redeemed in a community's month, from the ledger in one query over the entries that happened in
 * {@code [from, to)}:
 * <ul>
 * <li>issued: reduction awards and recycling settlements paid in credits;</li>
 * <li>redeemed: catalogue redemptions and merchant debits, except those reversed (a reversal gives the credits back
 * and corrects the month of what it reverses, so the figure is never negative).</li>
 * </ul>
 * The communities are the registry's, with their time zones ({@link org.communitycarbon.support.reports.CommunityZoneListener}); a community the registry
 * has not named is not reported rather than cut in a guessed zone.
 */
@Component
class CreditsMonthlyFigures implements MonthlyFiguresSource {

    private final JdbcTemplate jdbc;

    CreditsMonthlyFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportSource source() {
        return ReportSource.CREDITS;
    }

    @Override
    public List<ReportedCommunity> communities() {
        return jdbc.query("SELECT id, time_zone FROM community_zone ORDER BY id",
                (rs, row) -> new ReportedCommunity(rs.getString(1), ZoneId.of(rs.getString(2))));
    }

    @Override
    public List<MonthlyFigure> figures(String communityId, Instant from, Instant to) {
        return jdbc.queryForObject("""
                SELECT coalesce(sum(e.amount) FILTER (WHERE e.kind IN ('REDUCTION_AWARD', 'RECYCLING_SETTLEMENT')), 0),
                       coalesce(-sum(e.amount) FILTER (WHERE e.kind IN ('REDEMPTION', 'MERCHANT_DEBIT')
                           AND NOT EXISTS (SELECT 1 FROM redemption r JOIN redemption_reversal v ON v.redemption_id = r.id
                                           WHERE r.entry_id = e.id)
                           AND NOT EXISTS (SELECT 1 FROM merchant_debit d JOIN merchant_debit_reversal v ON v.debit_id = d.id
                                           WHERE d.entry_id = e.id)), 0)
                FROM ledger_entry e
                WHERE e.community_id = ? AND e.occurred_at >= ? AND e.occurred_at < ?""",
                (rs, row) -> List.of(
                        new MonthlyFigure(MonthlyFigureNames.CREDITS_ISSUED, BigDecimal.valueOf(rs.getLong(1)), Unit.CREDIT),
                        new MonthlyFigure(MonthlyFigureNames.CREDITS_REDEEMED, BigDecimal.valueOf(rs.getLong(2)), Unit.CREDIT)),
                communityId, Timestamp.from(from), Timestamp.from(to));
    }
}
