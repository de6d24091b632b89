package org.communitycarbon.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.ops.monitoring.TariffSchedule.Period;
import org.communitycarbon.ops.monitoring.TariffSchedule.Range;
import org.junit.jupiter.api.Test;

class TariffScheduleTest {

    private static Range range(Period period, int from, int to, String price) {
        return new Range(period, from, to, new BigDecimal(price));
    }

    @Test
    void pricesAnHourByTheLatestVersionInEffectOnItsDay() {
        LocalDate first = LocalDate.of(2026, 1, 1);
        LocalDate second = LocalDate.of(2026, 7, 1);
        TariffSchedule schedule = new TariffSchedule(List.of(
                new TariffSchedule.Version(first, List.of(range(Period.VALLEY, 0, 8, "0.3"), range(Period.PEAK, 8, 24, "1"))),
                new TariffSchedule.Version(second, List.of(range(Period.FLAT, 0, 24, "0.6")))));
        assertThat(schedule.at(LocalDateTime.of(2025, 12, 31, 12, 0))).isNull();
        assertThat(schedule.at(LocalDateTime.of(2026, 6, 30, 7, 59)).period()).isEqualTo(Period.VALLEY);
        assertThat(schedule.at(LocalDateTime.of(2026, 6, 30, 8, 0)).period()).isEqualTo(Period.PEAK);
        assertThat(schedule.at(LocalDateTime.of(2026, 7, 1, 8, 0)).period()).isEqualTo(Period.FLAT);
    }

    @Test
    void refusesRangesThatLeaveAnHourUncoveredOrCoverItTwice() {
        assertThatThrownBy(() -> TariffSchedule.check(List.of(range(Period.VALLEY, 0, 8, "0.3"), range(Period.PEAK, 9, 24, "1"))))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("nothing covers hour 8");
        assertThatThrownBy(() -> TariffSchedule.check(List.of(range(Period.VALLEY, 0, 8, "0.3"), range(Period.PEAK, 7, 24, "1"))))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("hour 7 is covered twice");
        assertThatThrownBy(() -> TariffSchedule.check(List.of(range(Period.VALLEY, 0, 23, "0.3"))))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("nothing covers hour 23");
    }

    @Test
    void refusesTwoPricesForOnePeriodAndPricesOutOfRange() {
        assertThatThrownBy(() -> TariffSchedule.check(List.of(range(Period.VALLEY, 0, 8, "0.3"), range(Period.PEAK, 8, 12, "1"),
                range(Period.VALLEY, 12, 24, "0.4")))).isInstanceOf(ContractViolation.class).hasMessageContaining("one price");
        assertThatThrownBy(() -> TariffSchedule.check(List.of(range(Period.FLAT, 0, 24, "1e999999999"))))
                .isInstanceOf(ContractViolation.class).extracting(e -> ((ContractViolation) e).field())
                .isEqualTo("periods[0].pricePerKwh");
    }
}
