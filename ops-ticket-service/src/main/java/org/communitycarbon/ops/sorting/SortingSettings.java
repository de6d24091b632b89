package org.communitycarbon.ops.sorting;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When repeated mistakes ask for a visit, and how sorting figures are kept.
 *
 * @param visitAfter this many wrongly sorted drops of one household within {@code window} open a visit
 *        ({@code OPS_SORTING_VISIT_AFTER}, 3)
 * @param window the period the mistakes are counted in ({@code OPS_SORTING_WINDOW}, 14 days)
 * @param visitWithin the volunteers have this long after the last of those drops ({@code OPS_SORTING_VISIT_WITHIN}, 72 hours)
 * @param timeZone the zone the months of the accuracy figures are calendar months in ({@code OPS_SORTING_TIME_ZONE})
 * @param retention mistakes older than this are forgotten ({@code OPS_SORTING_RETENTION}, 90 days; at least the window)
 */
@ConfigurationProperties("ops.sorting")
public record SortingSettings(
        @DefaultValue("3") int visitAfter,
        @DefaultValue("P14D") Duration window,
        @DefaultValue("PT72H") Duration visitWithin,
        @DefaultValue("Asia/Shanghai") ZoneId timeZone,
        @DefaultValue("P90D") Duration retention) {

    public SortingSettings {
        if (visitAfter < 1 || visitAfter > 100) {
            throw new IllegalArgumentException("ops.sorting.visit-after must be between 1 and 100");
        }
        if (window.compareTo(Duration.ofHours(1)) < 0 || window.compareTo(Duration.ofDays(366)) > 0) {
            throw new IllegalArgumentException("ops.sorting.window must be between an hour and 366 days");
        }
        if (visitWithin.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("ops.sorting.visit-within must be at least a minute");
        }
        if (retention.compareTo(window) < 0) {
            throw new IllegalArgumentException("ops.sorting.retention must be at least ops.sorting.window");
        }
    }
}
