package org.communitycarbon.ops.monitoring;

import java.util.List;
import java.util.Locale;

import org.communitycarbon.model.sensing.EnvironmentMeasure;
import org.jspecify.annotations.Nullable;

/** What raised a monitoring alert: an environment measure over its threshold, or an energy anomaly rule. */
public enum AlertRule {
    PM25(AlertKind.ENVIRONMENT, EnvironmentMeasure.PM25, "pm25"),
    CO2(AlertKind.ENVIRONMENT, EnvironmentMeasure.CO2, "co2"),
    NOISE_LEVEL(AlertKind.ENVIRONMENT, EnvironmentMeasure.NOISE_LEVEL, "noise"),
    /** A public-lighting subsystem drew power in a daylight hour. */
    LIGHTING_IN_DAYLIGHT(AlertKind.ENERGY, null, "lighting-daylight"),
    /** A subsystem used more in an hour than its baseline allows. */
    ABOVE_BASELINE(AlertKind.ENERGY, null, "baseline");

    /** The measures that have thresholds. */
    static final List<AlertRule> ENVIRONMENT = List.of(PM25, CO2, NOISE_LEVEL);

    private final AlertKind kind;
    private final @Nullable EnvironmentMeasure measure;
    private final String slug;

    AlertRule(AlertKind kind, @Nullable EnvironmentMeasure measure, String slug) {
        this.kind = kind;
        this.measure = measure;
        this.slug = slug;
    }

    AlertKind kind() {
        return kind;
    }

    /** The measure of an environment rule. */
    EnvironmentMeasure measure() {
        if (measure == null) {
            throw new IllegalStateException(this + " is not an environment rule");
        }
        return measure;
    }

    /** The rule's short name in a work order's source ({@code pm25:plaza}). */
    String slug() {
        return slug;
    }

    /** The environment rule of a measure's name or slug, any case; null for none. */
    static @Nullable AlertRule environment(String name) {
        for (AlertRule rule : ENVIRONMENT) {
            if (rule.name().equalsIgnoreCase(name) || rule.slug.equals(name.toLowerCase(Locale.ROOT))) {
                return rule;
            }
        }
        return null;
    }
}
