package org.communitycarbon.ops.sorting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class SortingAccuracyTest {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final YearMonth DECEMBER = YearMonth.of(2026, 12);

    @Test
    void accuracyIsMatchedOverRecognisedAndUnrecognisedDepositsDoNotCount() {
        SortingAccuracy.Month month = SortingAccuracy.Month.of(NOVEMBER, 100, 12, 11, 3, 90);

        assertThat(month.mistakes()).isEqualTo(1);
        assertThat(month.accuracy()).isEqualByComparingTo("0.9167");
        assertThat(month.judgedAccuracy()).isEqualByComparingTo("0.9000");
    }

    @Test
    void aMonthWithoutRecognisedDepositsHasNoAccuracy() {
        assertThat(SortingAccuracy.Month.of(NOVEMBER, 5, 0, 0, 0, 5).accuracy()).isNull();
        assertThat(SortingAccuracy.Month.of(NOVEMBER, 0, 0, 0, 0, 0).judgedAccuracy()).isNull();
    }

    @Test
    void aPeriodsAccuracyDividesItsSumsRatherThanAveragingItsMonths() {
        List<SortingAccuracy.Month> months = List.of(SortingAccuracy.Month.of(NOVEMBER, 10, 10, 10, 0, 10),
                SortingAccuracy.Month.of(DECEMBER, 90, 90, 45, 0, 45));

        SortingAccuracy.Month total = SortingAccuracy.total(DECEMBER, months);

        assertThat(total.deposits()).isEqualTo(100);
        assertThat(total.accuracy()).isEqualByComparingTo("0.55");
        assertThat(total.mistakes()).isEqualTo(45);
    }

    @Test
    void settingsRefuseAWindowShorterThanAnHourOrARetentionShorterThanTheWindow() {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        assertThatThrownBy(() -> new SortingSettings(3, Duration.ofMinutes(30), Duration.ofHours(72), zone, Duration.ofDays(90)))
                .hasMessageContaining("ops.sorting.window");
        assertThatThrownBy(() -> new SortingSettings(3, Duration.ofDays(14), Duration.ofHours(72), zone, Duration.ofDays(7)))
                .hasMessageContaining("ops.sorting.retention");
        assertThatThrownBy(() -> new SortingSettings(0, Duration.ofDays(14), Duration.ofHours(72), zone, Duration.ofDays(90)))
                .hasMessageContaining("ops.sorting.visit-after");
    }
}
