package org.communitycarbon.accounting.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class BaselineRuleTest {

    private static final SavingsSettings SETTINGS = new SavingsSettings(3, new BigDecimal("0.8"), 5, Duration.ofDays(2), true);
    private static final YearMonth NOVEMBER = YearMonth.of(2025, 11);

    @Test
    void theSameMonthLastYearIsTheBaselineAndTheSavingIsWhatTheHouseholdUsedLess() {
        NavigableMap<YearMonth, MonthFigures> history = history(month(2024, 11, "300", 30, 0), month(2025, 11, "240", 30, 0));

        BaselineRule.Evaluation e = BaselineRule.evaluate(history.get(NOVEMBER), history, null, 2, SETTINGS);

        assertThat(e.baseline()).isEqualTo(new BaselineRule.Baseline(new BigDecimal("300.000"), BaselineRule.Source.SAME_MONTH_LAST_YEAR,
                "2024-11"));
        assertThat(e.outcome()).isEqualTo(BaselineRule.Outcome.SAVED);
        assertThat(e.savingKwh()).isEqualByComparingTo("60");
    }

    @Test
    void aBaselineIsScaledToTheDaysOfTheMonth() {
        // 29 days of a leap February at 10 kWh a day: 280 kWh expected in a February of 28 days
        NavigableMap<YearMonth, MonthFigures> history = history(month(2024, 2, "290", 29, 0));

        assertThat(BaselineRule.baseline(YearMonth.of(2025, 2), history, null, null, SETTINGS).kwh()).isEqualByComparingTo("280");
    }

    @Test
    void withoutAUsableMonthLastYearTheFirstUsableMonthsMakeTheBaseline() {
        NavigableMap<YearMonth, MonthFigures> history = history(
                month(2024, 11, "100", 30, 1),           // last year's month had a flagged reading
                month(2025, 5, "4", 1, 0),               // the meter's first day: not enough days
                month(2025, 6, "150", 30, 0),            // 5 kWh a day
                month(2025, 7, "186", 31, 0),            // 6
                month(2025, 8, "217", 25, 0),            // 7, on 25 of 31 days: enough
                month(2025, 9, "500", 20, 0),            // 20 of 30 days: not used, nor needed
                month(2025, 11, "135", 30, 0));

        BaselineRule.Evaluation e = BaselineRule.evaluate(history.get(NOVEMBER), history, null, null, SETTINGS);

        assertThat(e.baseline().source()).isEqualTo(BaselineRule.Source.FIRST_MONTHS);
        assertThat(e.baseline().basis()).isEqualTo("2025-06, 2025-07, 2025-08");
        assertThat(e.baseline().kwh()).isEqualByComparingTo("180");  // 6 kWh a day x 30
        assertThat(e.savingKwh()).isEqualByComparingTo("45");
    }

    @Test
    void withoutHistoryTheMedianPerMemberOfTheCommunityTypeMakesTheBaselineGivenEnoughPeers() {
        NavigableMap<YearMonth, MonthFigures> history = history(month(2025, 11, "120", 30, 0));
        BaselineRule.PeerMedian peers = new BaselineRule.PeerMedian("RESETTLEMENT", new BigDecimal("3.5"), 6);

        BaselineRule.Evaluation e = BaselineRule.evaluate(history.get(NOVEMBER), history, peers, 2, SETTINGS);

        assertThat(e.baseline().source()).isEqualTo(BaselineRule.Source.COMMUNITY_TYPE_MEDIAN);
        assertThat(e.baseline().kwh()).isEqualByComparingTo("210");  // 3.5 x 2 members x 30 days
        assertThat(e.savingKwh()).isEqualByComparingTo("90");
        assertThat(BaselineRule.baseline(NOVEMBER, history, new BaselineRule.PeerMedian("RESETTLEMENT", new BigDecimal("3.5"), 4), 2,
                SETTINGS)).as("fewer than five peers").isNull();
        assertThat(BaselineRule.baseline(NOVEMBER, history, peers, null, SETTINGS)).as("members unknown").isNull();
    }

    @Test
    void flaggedReadingsNeverCreateASaving() {
        // a reset in the month lost the consumption across it: 90 kWh looks like a saving against 300, and is not one
        NavigableMap<YearMonth, MonthFigures> history = history(month(2024, 11, "300", 30, 0), month(2025, 11, "90", 30, 1));

        BaselineRule.Evaluation e = BaselineRule.evaluate(history.get(NOVEMBER), history, null, null, SETTINGS);

        assertThat(e.outcome()).isEqualTo(BaselineRule.Outcome.FLAGGED_READINGS);
        assertThat(e.savingKwh()).isZero();
    }

    @Test
    void aMonthIsSettledOnlyWithReadingsOnEightyPercentOfItsDays() {
        NavigableMap<YearMonth, MonthFigures> history = history(month(2024, 11, "300", 30, 0));

        assertThat(BaselineRule.evaluate(month(2025, 11, "100", 23, 0), history, null, null, SETTINGS).outcome())
                .isEqualTo(BaselineRule.Outcome.INSUFFICIENT_DATA);
        assertThat(BaselineRule.evaluate(month(2025, 11, "100", 24, 0), history, null, null, SETTINGS).outcome())
                .isEqualTo(BaselineRule.Outcome.SAVED);
        assertThat(BaselineRule.evaluate(month(2025, 11, "300", 30, 0), history, null, null, SETTINGS).outcome())
                .isEqualTo(BaselineRule.Outcome.NO_SAVING);
        assertThat(BaselineRule.evaluate(month(2025, 11, "100", 30, 0), history(), null, null, SETTINGS).outcome())
                .isEqualTo(BaselineRule.Outcome.NO_BASELINE);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(BaselineRule.median(List.of(new BigDecimal("6"), new BigDecimal("2"), new BigDecimal("4"), new BigDecimal("3"))))
                .isEqualByComparingTo("3.5");
        assertThat(BaselineRule.median(List.of(new BigDecimal("6"), new BigDecimal("2"), new BigDecimal("4")))).isEqualByComparingTo("4");
    }

    private static MonthFigures month(int year, int month, String kwh, int days, int flagged) {
        return new MonthFigures(YearMonth.of(year, month), new BigDecimal(kwh), days, flagged);
    }

    private static NavigableMap<YearMonth, MonthFigures> history(MonthFigures... months) {
        NavigableMap<YearMonth, MonthFigures> history = new TreeMap<>();
        for (MonthFigures figures : months) {
            history.put(figures.month(), figures);
        }
        return history;
    }
}
