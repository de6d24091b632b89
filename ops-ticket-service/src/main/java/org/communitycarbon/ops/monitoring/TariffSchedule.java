package org.communitycarbon.ops.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;

/**
 * A community's time-of-use tariffs: versions by the local day they take effect, each dividing the day into hour ranges
 * of a {@link Period} with a price per kWh in CNY. The price of a local hour is the one of the latest version in
 * effect on its day; a day before the first version has no price.
 */
final class TariffSchedule {

    /** The periods of a time-of-use tariff (峰, 平, 谷). */
    enum Period {
        PEAK, FLAT, VALLEY
    }

    static final int MAX_RANGES = 24;
    static final BigDecimal MAX_PRICE = new BigDecimal("100");
    static final int PRICE_SCALE = 4;

    /**
     * One hour range of a version.
     *
     * @param fromHour the local hour it starts, 0 to 23
     * @param toHour the local hour it ends, exclusive, 1 to 24
     * @param pricePerKwh CNY per kWh, 0 to 100, at most 4 decimal places
     */
    record Range(Period period, int fromHour, int toHour, BigDecimal pricePerKwh) {
    }

    /** A version: the ranges, in hour order, covering the day. */
    record Version(LocalDate effectiveFrom, List<Range> ranges) {

        Range rangeAt(int hour) {
            for (Range range : ranges) {
                if (hour >= range.fromHour() && hour < range.toHour()) {
                    return range;
                }
            }
            throw new IllegalStateException("version " + effectiveFrom + " does not cover hour " + hour);
        }
    }

    private final List<Version> versions;

    TariffSchedule(List<Version> versions) {
        this.versions = versions.stream().sorted(Comparator.comparing(Version::effectiveFrom).reversed()).toList();
    }

    /** The range that prices a local hour, or null before the first version. */
    @Nullable Range at(LocalDateTime local) {
        for (Version version : versions) {
            if (!version.effectiveFrom().isAfter(local.toLocalDate())) {
                return version.rangeAt(local.getHour());
            }
        }
        return null;
    }

    /**
     * Checks the ranges of a new version: 1 to 24 ranges that cover the hours 0 to 24 without gap or overlap, each
     * period with one price; returns them in hour order, prices at their scale. Names the field at fault.
     */
    static List<Range> check(@Nullable List<@Nullable Range> ranges) {
        Require.present(ranges, "periods");
        if (ranges.isEmpty() || ranges.size() > MAX_RANGES) {
            throw new ContractViolation("periods", "must have 1 to " + MAX_RANGES + " hour ranges, had " + ranges.size());
        }
        List<Range> checked = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            Range range = ranges.get(i);
            String field = "periods[" + i + "]";
            Require.present(range, field);
            Require.present(range.period(), field + ".period");
            if (range.fromHour() < 0 || range.fromHour() > 23) {
                throw new ContractViolation(field + ".fromHour", "must be between 0 and 23, was " + range.fromHour());
            }
            if (range.toHour() <= range.fromHour() || range.toHour() > 24) {
                throw new ContractViolation(field + ".toHour", "must be after fromHour and at most 24, was " + range.toHour());
            }
            BigDecimal price = Require.decimal(range.pricePerKwh(), field + ".pricePerKwh", BigDecimal.ZERO, MAX_PRICE,
                    PRICE_SCALE);
            checked.add(new Range(range.period(), range.fromHour(), range.toHour(), price));
        }
        checked.sort(Comparator.comparingInt(Range::fromHour));
        int next = 0;
        Map<Period, BigDecimal> prices = new HashMap<>();
        for (Range range : checked) {
            if (range.fromHour() != next) {
                throw new ContractViolation("periods", "must cover the hours 0 to 24 without gap or overlap; "
                        + (range.fromHour() > next ? "nothing covers hour " + next : "hour " + range.fromHour() + " is covered twice"));
            }
            BigDecimal earlier = prices.putIfAbsent(range.period(), range.pricePerKwh());
            if (earlier != null && earlier.compareTo(range.pricePerKwh()) != 0) {
                throw new ContractViolation("periods", range.period() + " has one price per kWh, was given "
                        + Texts.plain(earlier) + " and " + Texts.plain(range.pricePerKwh()));
            }
            next = range.toHour();
        }
        if (next != 24) {
            throw new ContractViolation("periods", "must cover the hours 0 to 24 without gap or overlap; nothing covers hour " + next);
        }
        return checked;
    }
}
