package org.communitycarbon.ops.sorting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A community's sorting figures by calendar month (in {@code ops.sorting.time-zone}): deposits, those a bin's camera
 * recognised, those it recognised as the bin's own kind, and the accuracy {@code matched / recognised}. Aggregates only:
 * no household. Other features (reports) read them here.
 */
@Service
public class SortingAccuracy {

    /** Decimal places of an accuracy: 0.9231 is 92.31 %. */
    public static final int SCALE = 4;

    private final JdbcTemplate jdbc;

    SortingAccuracy(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One month's figures.
     *
     * @param deposits every deposit counted in the month, anonymous ones included
     * @param recognised the deposits whose bin reported a recognised kind ({@code detectedKind})
     * @param matched the recognised deposits whose recognised kind was the bin's: correctly sorted
     * @param mistakes {@code recognised - matched}: wrongly sorted drops
     * @param anonymous deposits without a household: counted, nobody notified
     * @param correctlySorted the deposits the bins judged correctly sorted ({@code correctlySorted}), recognised or not
     * @param accuracy {@code matched / recognised}, 4 decimals rounded half up; null without a recognised deposit
     * @param judgedAccuracy {@code correctlySorted / deposits}: the bins' own judgement over every deposit, as the
     *        monthly reports count it; null without a deposit
     */
    public record Month(YearMonth month, long deposits, long recognised, long matched, long mistakes, long anonymous,
            long correctlySorted, @Nullable BigDecimal accuracy, @Nullable BigDecimal judgedAccuracy) {

        static Month of(YearMonth month, long deposits, long recognised, long matched, long anonymous, long correctlySorted) {
            return new Month(month, deposits, recognised, matched, recognised - matched, anonymous, correctlySorted,
                    ratio(matched, recognised), ratio(correctlySorted, deposits));
        }
    }

    /** The figures of {@code from} to {@code to} inclusive, each month present, zero where nothing was deposited. */
    @Transactional(readOnly = true)
    public List<Month> monthly(String communityId, YearMonth from, YearMonth to) {
        Map<YearMonth, long[]> stored = new HashMap<>();
        jdbc.query("""
                SELECT month, deposits, recognised, matched, anonymous, correctly_sorted FROM sorting_month
                WHERE community_id = ? AND month BETWEEN ? AND ?""", rs -> {
            stored.put(YearMonth.from(rs.getDate(1).toLocalDate()),
                    new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)});
        }, communityId, Date.valueOf(from.atDay(1)), Date.valueOf(to.atDay(1)));
        List<Month> months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            long[] counts = stored.getOrDefault(month, new long[5]);
            months.add(Month.of(month, counts[0], counts[1], counts[2], counts[3], counts[4]));
        }
        return months;
    }

    /** The months summed: the period's figures, its accuracy from the sums (not a mean of the months'). */
    public static Month total(YearMonth last, List<Month> months) {
        long deposits = 0;
        long recognised = 0;
        long matched = 0;
        long anonymous = 0;
        long correctlySorted = 0;
        for (Month month : months) {
            deposits += month.deposits();
            recognised += month.recognised();
            matched += month.matched();
            anonymous += month.anonymous();
            correctlySorted += month.correctlySorted();
        }
        return Month.of(last, deposits, recognised, matched, anonymous, correctlySorted);
    }

    static @Nullable BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), SCALE, RoundingMode.HALF_UP);
    }
}
