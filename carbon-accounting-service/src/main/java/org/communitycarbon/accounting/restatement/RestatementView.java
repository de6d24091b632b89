package org.communitycarbon.accounting.restatement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.jspecify.annotations.Nullable;

/**
 * A restatement report: a community's local months under another published version beside the figures as recorded.
 * Asked for as CSV ({@code Accept: text/csv}), it is one row per item.
 *
 * @param methodology the methodology and {@code version} the months are restated under
 * @param versionEffectiveFrom the local days the version prices, {@code [from, until)}: a version restating months outside
 *        them says how history would read under it, not what it would have priced
 * @param from the first local month, {@code to} the last
 * @param timeZone the community's time zone the months were cut in; {@code gridRegion} the region grid factors were chosen for
 * @param totals per kind: the sums of the items
 * @param items one per month, kind and source
 */
record RestatementView(UUID id, String communityId, String methodology, int version, @Nullable LocalDate versionEffectiveFrom,
        @Nullable LocalDate versionEffectiveUntil, String from, String to, String timeZone, String gridRegion, String requestedBy,
        Instant requestedAt, List<Total> totals, List<Line> items) {

    /**
     * A month's figure of one source, as recorded and as restated.
     *
     * @param kind {@code EMISSIONS} of a meter type, {@code AVOIDED} by PV generation, or a {@code REDUCTION}
     * @param scope {@code HOUSEHOLD} or {@code COMMON_AREA} for consumption; the mode or category of a reduction (empty for all)
     * @param source the meter type ({@code ELECTRICITY}) or the behaviour ({@code GREEN_TRAVEL})
     * @param activity the consumption (unflagged readings' deltas) or the reductions' activity
     * @param count readings counted, or reductions
     * @param original the figure as recorded, each part priced by the factor recorded with it; {@code originalVersions} and
     *        {@code originalFactorIds} name them
     * @param restated the same activity under the version's factor {@code restatedFactorId}; null when the version has none
     *        for it
     * @param difference restated − original, to the gram; {@code differencePercent} of the original, null when it is 0
     */
    record Line(String month, String kind, String scope, String source, Quantity activity, long count, Quantity original,
            List<String> originalVersions, List<Long> originalFactorIds, @Nullable Quantity restated,
            @Nullable String restatedVersion, @Nullable Long restatedFactorId, @Nullable Quantity difference,
            @Nullable BigDecimal differencePercent) {

        static Line of(String month, String kind, String scope, String source, Quantity activity, long count,
                BigDecimal original, Unit originalUnit, List<String> versions, List<Long> factorIds, @Nullable BigDecimal restated,
                @Nullable Unit restatedUnit, @Nullable String restatedVersion, @Nullable Long restatedFactorId) {
            BigDecimal was = grams(original);
            BigDecimal now = restated == null ? null : grams(restated);
            Unit differenceUnit = restatedUnit == originalUnit ? originalUnit : Unit.KG_CO2E;
            return new Line(month, kind, scope, source, activity, count, Quantity.of(was, originalUnit), versions, factorIds,
                    now == null ? null : Quantity.of(now, restatedUnit), restatedVersion, restatedFactorId,
                    now == null ? null : Quantity.of(now.subtract(was), differenceUnit), now == null ? null : percent(was, now));
        }
    }

    /**
     * A kind's sums over the items: {@code restated} counts 0 for items the version has no factor for ({@code unrestated}).
     */
    record Total(String kind, Quantity original, Quantity restated, Quantity difference, @Nullable BigDecimal differencePercent,
            int unrestated) {
    }

    /** A restatement without its items. */
    record Summary(UUID id, String methodology, int version, String from, String to, String requestedBy, Instant requestedAt) {
    }

    static List<Total> totals(List<Line> lines) {
        Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
        Map<String, Integer> unrestated = new LinkedHashMap<>();
        for (Line line : lines) {
            BigDecimal[] sum = sums.computeIfAbsent(line.kind(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sum[0] = sum[0].add(line.original().value());
            if (line.restated() != null) {
                sum[1] = sum[1].add(line.restated().value());
            }
            else {
                unrestated.merge(line.kind(), 1, Integer::sum);
            }
        }
        List<Total> totals = new ArrayList<>();
        sums.forEach((kind, sum) -> totals.add(new Total(kind, Quantity.of(sum[0], Unit.KG_CO2E), Quantity.of(sum[1], Unit.KG_CO2E),
                Quantity.of(sum[1].subtract(sum[0]), Unit.KG_CO2E), percent(sum[0], sum[1]), unrestated.getOrDefault(kind, 0))));
        return totals;
    }

    private static BigDecimal grams(BigDecimal kg) {
        return kg.setScale(3, RoundingMode.HALF_UP);
    }

    private static @Nullable BigDecimal percent(BigDecimal was, BigDecimal now) {
        return was.signum() == 0 ? null
                : now.subtract(was).multiply(BigDecimal.valueOf(100)).divide(was, 2, RoundingMode.HALF_UP);
    }
}
