package org.communitycarbon.accounting.trend;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.sensing.MeterType;

/** What the trend endpoints answer. */
final class TrendViews {

    private TrendViews() {
    }

    enum Granularity {
        DAY, MONTH
    }

    /**
     * A community's figures per period, in its time zone.
     *
     * @param factorVersions every methodology version behind any figure of the answer
     */
    record CommunityTrends(String communityId, String timeZone, Granularity granularity, LocalDate from, LocalDate to,
            List<String> factorVersions, List<PeriodFigures> periods) {
    }

    /**
     * One day or month (its first and last local day, both included; a month at the edge of the range is cut to it).
     *
     * @param households consumption and emissions of household meters, per meter type
     * @param commonAreas consumption and emissions of common-area meters (public lighting, lifts, pumps, PV), per meter type
     * @param emissions households and common areas, PV generation left out
     * @param avoidedByPv the emissions PV generation avoided (its kWh at the grid factor)
     * @param reductions per behaviour
     * @param reductionTotal all behaviours
     * @param participatingHouseholds households with at least one reduction in the period
     * @param readings meter readings stored in the period
     * @param flaggedReadings of them, flagged (glitch, reset, jump, pending): not counted
     * @param factorVersions the methodology versions behind the period's figures
     */
    record PeriodFigures(String period, LocalDate from, LocalDate to, List<MeterFigure> households, List<MeterFigure> commonAreas,
            Quantity emissions, Quantity avoidedByPv, List<BehaviourFigure> reductions, Quantity reductionTotal,
            long participatingHouseholds, long readings, long flaggedReadings, List<String> factorVersions) {
    }

    /**
     * @param unpriced consumption stored without a factor (its version had none)
     */
    record MeterFigure(MeterType meterType, Quantity consumption, Quantity emissions, Quantity unpriced, List<String> factorVersions) {
    }

    /** @param count reductions recorded */
    record BehaviourFigure(String behaviour, Quantity activity, Quantity reduction, long count, List<String> factorVersions) {
    }

    /** The community's local day so far, cheap enough for a dashboard refresh (one SQL statement). */
    record Today(String communityId, String timeZone, LocalDate day, Instant asOf, PeriodFigures figures) {
    }
}
