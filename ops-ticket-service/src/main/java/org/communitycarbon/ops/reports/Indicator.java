package org.communitycarbon.ops.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.model.reports.MonthlyFigureNames;
import org.communitycarbon.model.reports.ReportSource;
import org.communitycarbon.model.sensing.WasteKind;
import org.jspecify.annotations.Nullable;

/**
 * An indicator of the monthly report, composed from summed figures (see {@link MonthlyFigureNames}): a count or total
 * as summed, or a rate of two sums — never an average of rates, so a street's rate is that of its communities' summed
 * counts. Missing when a source it needs has not published the month, or when its denominator is 0.
 *
 * @param key the indicator's name in the API
 * @param nameZh its name in Chinese, for downloads
 * @param nameEn its name in English
 * @param unit the unit of its value ({@link Unit#RATIO} for a rate, 0.52 = 52 %)
 * @param higherIsBetter how the comparison ranks communities: 1 is the best
 * @param sources the sources it is composed from
 * @param formula how it is composed, for people
 */
record Indicator(String key, String nameZh, String nameEn, Unit unit, boolean higherIsBetter, Set<ReportSource> sources,
        String formula, Formula compose) {

    /** Composes the value from the month's summed figures and the previous month's (for a trend). */
    interface Formula {
        @Nullable BigDecimal apply(Figures month, Figures previous);
    }

    static final int RATE_SCALE = 4;

    /** Every indicator, in the report's order. */
    static final List<Indicator> ALL = all();

    private static List<Indicator> all() {
        List<Indicator> all = new ArrayList<>();
        all.add(new Indicator("energyPerHousehold", "户均用电量", "Electricity per household", Unit.KWH, false,
                Set.of(ReportSource.ACCOUNTING), MonthlyFigureNames.HOUSEHOLD_ELECTRICITY + " / " + MonthlyFigureNames.HOUSEHOLDS_METERED,
                (m, p) -> ratio(m.value(MonthlyFigureNames.HOUSEHOLD_ELECTRICITY), m.value(MonthlyFigureNames.HOUSEHOLDS_METERED), 2)));
        all.add(new Indicator("energyPerHouseholdChange", "户均用电量环比", "Electricity per household against the previous month",
                Unit.RATIO, false, Set.of(ReportSource.ACCOUNTING),
                "(energy per household − the previous month's) / the previous month's", Indicator::energyTrend));
        for (ReductionBehaviour behaviour : ReductionBehaviour.values()) {
            String name = MonthlyFigureNames.reductionOf(behaviour);
            all.add(new Indicator("reduction." + behaviour.name(), "减排量：" + behaviourZh(behaviour),
                    "CO2e reduced: " + behaviour.name().toLowerCase(Locale.ROOT).replace('_', ' '), Unit.KG_CO2E, true,
                    Set.of(ReportSource.ACCOUNTING), name, (m, p) -> m.value(name)));
        }
        all.add(new Indicator("reductionTotal", "减排总量", "CO2e reduced, all behaviours", Unit.KG_CO2E, true,
                Set.of(ReportSource.ACCOUNTING), "Σ " + MonthlyFigureNames.REDUCTION_PREFIX + "*",
                (m, p) -> m.sumOf(MonthlyFigureNames.REDUCTION_PREFIX)));
        all.add(new Indicator("participationRate", "分类参与率", "Sorting participation", Unit.RATIO, true,
                Set.of(ReportSource.SENSING, ReportSource.ACCOUNTING),
                MonthlyFigureNames.DEPOSIT_HOUSEHOLDS + " / " + MonthlyFigureNames.HOUSEHOLDS,
                (m, p) -> ratio(m.value(MonthlyFigureNames.DEPOSIT_HOUSEHOLDS), m.value(MonthlyFigureNames.HOUSEHOLDS), RATE_SCALE)));
        all.add(new Indicator("sortingAccuracy", "分类准确率", "Sorting accuracy", Unit.RATIO, true, Set.of(ReportSource.SENSING),
                MonthlyFigureNames.DEPOSITS_CORRECT + " / " + MonthlyFigureNames.DEPOSITS,
                (m, p) -> ratio(m.value(MonthlyFigureNames.DEPOSITS_CORRECT), m.value(MonthlyFigureNames.DEPOSITS), RATE_SCALE)));
        all.add(new Indicator("recyclingRate", "资源回收率", "Recycling rate", Unit.RATIO, true,
                Set.of(ReportSource.SENSING, ReportSource.RECYCLING),
                "(" + MonthlyFigureNames.wasteOf(WasteKind.RECYCLABLE) + " + " + MonthlyFigureNames.RECYCLING_KG + ") / (Σ "
                        + MonthlyFigureNames.WASTE_PREFIX + "* + " + MonthlyFigureNames.RECYCLING_KG + ")",
                Indicator::recyclingRate));
        all.add(new Indicator("creditsIssued", "发放积分", "Credits issued", Unit.CREDIT, true, Set.of(ReportSource.CREDITS),
                MonthlyFigureNames.CREDITS_ISSUED, (m, p) -> m.value(MonthlyFigureNames.CREDITS_ISSUED)));
        all.add(new Indicator("creditsRedeemed", "兑换积分", "Credits redeemed", Unit.CREDIT, true, Set.of(ReportSource.CREDITS),
                MonthlyFigureNames.CREDITS_REDEEMED, (m, p) -> m.value(MonthlyFigureNames.CREDITS_REDEEMED)));
        all.add(new Indicator("recyclingCollected", "上门回收量", "Recyclables collected at pickups", Unit.KG, true,
                Set.of(ReportSource.RECYCLING), MonthlyFigureNames.RECYCLING_KG, (m, p) -> m.value(MonthlyFigureNames.RECYCLING_KG)));
        all.add(new Indicator("workOrdersOpened", "新增工单", "Work orders opened", Unit.COUNT, false, Set.of(ReportSource.OPS),
                MonthlyFigureNames.WORK_ORDERS_OPENED, (m, p) -> m.value(MonthlyFigureNames.WORK_ORDERS_OPENED)));
        all.add(new Indicator("workOrdersClosed", "办结工单", "Work orders closed", Unit.COUNT, true, Set.of(ReportSource.OPS),
                MonthlyFigureNames.WORK_ORDERS_CLOSED, (m, p) -> m.value(MonthlyFigureNames.WORK_ORDERS_CLOSED)));
        all.add(new Indicator("workOrdersClosedOnTime", "按时办结工单", "Work orders closed on time", Unit.COUNT, true,
                Set.of(ReportSource.OPS), MonthlyFigureNames.WORK_ORDERS_CLOSED_ON_TIME,
                (m, p) -> m.value(MonthlyFigureNames.WORK_ORDERS_CLOSED_ON_TIME)));
        all.add(new Indicator("workOrdersOnTimeRate", "工单按时办结率", "Work orders closed on time, share", Unit.RATIO, true,
                Set.of(ReportSource.OPS), MonthlyFigureNames.WORK_ORDERS_CLOSED_ON_TIME + " / " + MonthlyFigureNames.WORK_ORDERS_CLOSED,
                (m, p) -> ratio(m.value(MonthlyFigureNames.WORK_ORDERS_CLOSED_ON_TIME), m.value(MonthlyFigureNames.WORK_ORDERS_CLOSED),
                        RATE_SCALE)));
        all.add(new Indicator("workOrdersEscalated", "工单升级次数", "Work-order escalations", Unit.COUNT, false,
                Set.of(ReportSource.OPS), MonthlyFigureNames.WORK_ORDERS_ESCALATED,
                (m, p) -> m.value(MonthlyFigureNames.WORK_ORDERS_ESCALATED)));
        all.add(new Indicator("deviceUptime", "设备在线率", "Device uptime", Unit.RATIO, true, Set.of(ReportSource.SENSING),
                MonthlyFigureNames.DEVICE_HOURS_REPORTING + " / " + MonthlyFigureNames.DEVICE_HOURS_EXPECTED,
                (m, p) -> ratio(m.value(MonthlyFigureNames.DEVICE_HOURS_REPORTING), m.value(MonthlyFigureNames.DEVICE_HOURS_EXPECTED),
                        RATE_SCALE)));
        return Collections.unmodifiableList(all);
    }

    /** The indicator's value for the month, or null when a source it needs is missing or a denominator is 0. */
    @Nullable BigDecimal valueOf(Figures month, Figures previous) {
        if (!month.sources().containsAll(sources)) {
            return null;
        }
        return compose.apply(month, previous);
    }

    /** Its name in the language: {@code zh} or {@code en}. */
    String name(String language) {
        return "en".equals(language) ? nameEn : nameZh;
    }

    private static @Nullable BigDecimal energyTrend(Figures month, Figures previous) {
        if (!previous.sources().contains(ReportSource.ACCOUNTING)) {
            return null;
        }
        BigDecimal now = exactRatio(month.value(MonthlyFigureNames.HOUSEHOLD_ELECTRICITY), month.value(MonthlyFigureNames.HOUSEHOLDS_METERED));
        BigDecimal before = exactRatio(previous.value(MonthlyFigureNames.HOUSEHOLD_ELECTRICITY),
                previous.value(MonthlyFigureNames.HOUSEHOLDS_METERED));
        if (now == null || before == null || before.signum() == 0) {
            return null;
        }
        return now.subtract(before).divide(before, RATE_SCALE, RoundingMode.HALF_UP);
    }

    private static @Nullable BigDecimal recyclingRate(Figures month, Figures previous) {
        BigDecimal collected = month.value(MonthlyFigureNames.RECYCLING_KG);
        BigDecimal recyclable = month.value(MonthlyFigureNames.wasteOf(WasteKind.RECYCLABLE)).add(collected);
        BigDecimal all = month.sumOf(MonthlyFigureNames.WASTE_PREFIX).add(collected);
        return ratio(recyclable, all, RATE_SCALE);
    }

    static @Nullable BigDecimal ratio(BigDecimal numerator, BigDecimal denominator, int scale) {
        return denominator.signum() == 0 ? null : numerator.divide(denominator, scale, RoundingMode.HALF_UP);
    }

    private static @Nullable BigDecimal exactRatio(BigDecimal numerator, BigDecimal denominator) {
        return denominator.signum() == 0 ? null : numerator.divide(denominator, 12, RoundingMode.HALF_UP);
    }

    private static String behaviourZh(ReductionBehaviour behaviour) {
        return switch (behaviour) {
            case SORTED_PERISHABLE_WASTE -> "厨余垃圾正确分类";
            case GREEN_TRAVEL -> "绿色出行";
            case ELECTRICITY_SAVING -> "节约用电";
            case RECYCLED_GOODS -> "废旧物品回收";
            case PV_GENERATION -> "光伏发电";
        };
    }
}
