package org.communitycarbon.credits.merchant;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.credits.earning.EarningRuleBook;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Monthly statements of merchants, for settlement between the property company and each merchant. */
@Service
class MerchantStatements {

    private final JdbcClient jdbc;
    private final EarningRuleBook rules;

    MerchantStatements(JdbcClient jdbc, EarningRuleBook rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    @Transactional(readOnly = true)
    MerchantStatement of(UUID merchantId, String merchantName, String communityId, YearMonth month) {
        ZoneId zone = rules.zoneNow(communityId);
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant until = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        List<MerchantStatement.Line> lines = jdbc.sql("""
                SELECT 'DEBIT' AS kind, d.id, d.debited_at AS at, d.household_ref, d.amount, d.item_id FROM merchant_debit d
                WHERE d.merchant_id = ? AND d.debited_at >= ? AND d.debited_at < ?
                UNION ALL
                SELECT 'REVERSAL', d.id, v.reversed_at, d.household_ref, -d.amount, d.item_id
                FROM merchant_debit_reversal v JOIN merchant_debit d ON d.id = v.debit_id
                WHERE d.merchant_id = ? AND v.reversed_at >= ? AND v.reversed_at < ?
                ORDER BY at, id""")
                .params(merchantId, Timestamp.from(from), Timestamp.from(until), merchantId, Timestamp.from(from), Timestamp.from(until))
                .query((rs, row) -> new MerchantStatement.Line(rs.getString(1), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getLong(5), rs.getObject(6, UUID.class)))
                .list();
        long debits = lines.stream().filter(l -> l.kind().equals("DEBIT")).count();
        long debited = lines.stream().filter(l -> l.kind().equals("DEBIT")).mapToLong(MerchantStatement.Line::amount).sum();
        long reversed = -lines.stream().filter(l -> l.kind().equals("REVERSAL")).mapToLong(MerchantStatement.Line::amount).sum();
        return new MerchantStatement(merchantId, merchantName, communityId, month, zone.getId(), from, until, debits, debited,
                lines.size() - debits, reversed, debited - reversed, lines);
    }
}
