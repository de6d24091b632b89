package org.communitycarbon.accounting.baseline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A household's electricity baseline for a month, and what it saved against it (no Spring: the rule alone). The baseline
 * is expected kWh per day times the month's days, from the first of:
 * <ol>
 * <li>{@link Source#SAME_MONTH_LAST_YEAR}: the same month a year before, if usable;</li>
 * <li>{@link Source#FIRST_MONTHS}: the mean per day of the household's first {@code firstMonths} usable months before it;</li>
 * <li>{@link Source#COMMUNITY_TYPE_MEDIAN}: the median kWh per member and day, in the same month, of the households of
 * communities of its type with usable months and known members (at least {@code minPeers}), times its members.</li>
 * </ol>
 * A month is usable with readings on at least {@code minCoverage} of its days and none flagged ({@link MonthFigures#usable}).
 */
final class BaselineRule {

    private BaselineRule() {
    }

    enum Source {
        SAME_MONTH_LAST_YEAR, FIRST_MONTHS, COMMUNITY_TYPE_MEDIAN
    }

    /** What a settlement of a household-month records; {@code NO_FACTOR} is decided by the settlement (the methodology). */
    enum Outcome {
        SAVED, NO_SAVING, NO_BASELINE, INSUFFICIENT_DATA, FLAGGED_READINGS, NO_FACTOR
    }

    /**
     * @param kwh expected consumption of the month, to the Wh
     * @param basis what it was made of, for people: {@code 2025-11}, {@code 2025-01, 2025-02, 2025-03}, or the peers' median
     */
    record Baseline(BigDecimal kwh, Source source, String basis) {
    }

    /** The median kWh per member and day of a community type's households in a month, and how many households made it. */
    record PeerMedian(String communityType, BigDecimal perMemberPerDay, int households) {
    }

    /** A household-month judged: the baseline (if any), and the saving (0 unless {@code SAVED}). */
    record Evaluation(MonthFigures actual, @Nullable Baseline baseline, Outcome outcome, BigDecimal savingKwh) {
    }

    static Evaluation evaluate(MonthFigures actual, NavigableMap<YearMonth, MonthFigures> history, @Nullable PeerMedian peers,
            @Nullable Integer members, SavingsSettings settings) {
        Baseline baseline = baseline(actual.month(), history, peers, members, settings);
        Outcome outcome;
        BigDecimal saving = BigDecimal.ZERO.setScale(3);
        if (actual.flagged() > 0) {
            outcome = Outcome.FLAGGED_READINGS;
        }
        else if (!actual.enoughDays(settings.minCoverage())) {
            outcome = Outcome.INSUFFICIENT_DATA;
        }
        else if (baseline == null) {
            outcome = Outcome.NO_BASELINE;
        }
        else {
            BigDecimal difference = baseline.kwh().subtract(actual.kwh()).setScale(3, RoundingMode.HALF_UP);
            if (difference.signum() > 0) {
                outcome = Outcome.SAVED;
                saving = difference;
            }
            else {
                outcome = Outcome.NO_SAVING;
            }
        }
        return new Evaluation(actual, baseline, outcome, saving);
    }

    static @Nullable Baseline baseline(YearMonth month, NavigableMap<YearMonth, MonthFigures> history, @Nullable PeerMedian peers,
            @Nullable Integer members, SavingsSettings settings) {
        BigDecimal days = BigDecimal.valueOf(month.lengthOfMonth());
        MonthFigures lastYear = history.get(month.minusYears(1));
        if (lastYear != null && lastYear.usable(settings.minCoverage())) {
            return new Baseline(lastYear.perDay().multiply(days).setScale(3, RoundingMode.HALF_UP), Source.SAME_MONTH_LAST_YEAR,
                    lastYear.month().toString());
        }
        List<MonthFigures> first = new ArrayList<>();
        for (MonthFigures figures : history.headMap(month, false).values()) {
            if (figures.usable(settings.minCoverage())) {
                first.add(figures);
                if (first.size() == settings.firstMonths()) {
                    break;
                }
            }
        }
        if (first.size() == settings.firstMonths()) {
            BigDecimal perDay = first.stream().map(MonthFigures::perDay).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(first.size()), 7, RoundingMode.HALF_UP);
            return new Baseline(perDay.multiply(days).setScale(3, RoundingMode.HALF_UP), Source.FIRST_MONTHS,
                    first.stream().map(f -> f.month().toString()).collect(Collectors.joining(", ")));
        }
        if (peers != null && members != null && members > 0 && peers.households() >= settings.minPeers()) {
            return new Baseline(peers.perMemberPerDay().multiply(BigDecimal.valueOf(members)).multiply(days).setScale(3, RoundingMode.HALF_UP),
                    Source.COMMUNITY_TYPE_MEDIAN, "median of " + peers.households() + " " + peers.communityType() + " households: "
                            + peers.perMemberPerDay().setScale(3, RoundingMode.HALF_UP).toPlainString() + " kWh per member a day, x "
                            + members + " members");
        }
        return null;
    }

    /** The median of values (the mean of the middle two of an even count), to the tenth of a Wh. */
    static BigDecimal median(List<BigDecimal> values) {
        List<BigDecimal> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        BigDecimal median = n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), 7, RoundingMode.HALF_UP);
        return median.setScale(7, RoundingMode.HALF_UP);
    }
}
