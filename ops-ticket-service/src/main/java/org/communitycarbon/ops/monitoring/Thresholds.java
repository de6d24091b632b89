package org.communitycarbon.ops.monitoring;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The environment thresholds in force for a community: the settings' ({@code ops.monitoring.environment.<measure>}),
 * or the community's own where its property manager set them. A change applies from the next observation judged.
 */
@Service
class Thresholds {

    private final JdbcClient jdbc;
    private final MonitoringSettings.Environment settings;
    private final Clock clock;

    Thresholds(JdbcClient jdbc, MonitoringSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings.environment();
        this.clock = clock;
    }

    /** The default thresholds of an environment rule. */
    MonitoringSettings.Threshold defaults(AlertRule rule) {
        MonitoringSettings.Threshold threshold = switch (rule) {
            case PM25 -> settings.pm25();
            case CO2 -> settings.co2();
            case NOISE_LEVEL -> settings.noiseLevel();
            default -> null;
        };
        if (threshold == null) {
            throw new IllegalArgumentException(rule + " has no thresholds");
        }
        return threshold;
    }

    /** The thresholds in force for a community, by rule, and who set them. */
    Map<AlertRule, Effective> of(String communityId) {
        Map<AlertRule, Effective> effective = new EnumMap<>(AlertRule.class);
        for (AlertRule rule : AlertRule.ENVIRONMENT) {
            effective.put(rule, new Effective(rule, defaults(rule), null, null));
        }
        jdbc.sql("""
                SELECT measure, day_limit, night_limit, hysteresis, minimum_minutes, critical_margin, work_order_from,
                       updated_at, updated_by
                FROM environment_threshold WHERE community_id = ?""")
                .param(communityId)
                .query(rs -> {
                    AlertRule rule = AlertRule.valueOf(rs.getString(1));
                    effective.put(rule, new Effective(rule, new MonitoringSettings.Threshold(rs.getBigDecimal(2),
                            rs.getBigDecimal(3), rs.getBigDecimal(4), Duration.ofMinutes(rs.getInt(5)), rs.getBigDecimal(6),
                            WorkOrderFrom.valueOf(rs.getString(7))), rs.getTimestamp(8).toInstant(), rs.getString(9)));
                });
        return effective;
    }

    /** The community's thresholds as the API shows them. */
    @Transactional(readOnly = true)
    List<ThresholdView> view(String communityId) {
        return of(communityId).values().stream().map(ThresholdView::of).toList();
    }

    /** The property manager (or an admin) sets the community's own thresholds of one measure. */
    @Transactional
    ThresholdView set(Caller caller, String communityId, String measure, ThresholdRequest request) {
        AlertRule rule = AlertRule.environment(measure);
        if (rule == null) {
            throw new ContractViolation("measure", "must be one of PM25, CO2, NOISE_LEVEL, was " + Texts.bounded(measure, 40));
        }
        BigDecimal max = rule.measure() == org.communitycarbon.model.sensing.EnvironmentMeasure.CO2 ? new BigDecimal("40000")
                : rule.measure() == org.communitycarbon.model.sensing.EnvironmentMeasure.PM25 ? new BigDecimal("2000")
                : new BigDecimal("200");
        BigDecimal day = positive(request.dayLimit(), "dayLimit", max);
        BigDecimal night = positive(request.nightLimit(), "nightLimit", max);
        BigDecimal hysteresis = Require.decimal(request.hysteresis(), "hysteresis", BigDecimal.ZERO, max, 1);
        if (hysteresis.compareTo(day.min(night)) >= 0) {
            throw new ContractViolation("hysteresis", "must be below both limits, was " + Texts.plain(hysteresis));
        }
        BigDecimal margin = positive(request.criticalMargin(), "criticalMargin", max);
        Integer minutes = Require.present(request.minimumMinutes(), "minimumMinutes");
        if (minutes < 0 || minutes > 1440) {
            throw new ContractViolation("minimumMinutes", "must be between 0 and 1440, was " + minutes);
        }
        WorkOrderFrom from = Require.present(request.workOrderFrom(), "workOrderFrom");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                INSERT INTO environment_threshold (community_id, measure, day_limit, night_limit, hysteresis, minimum_minutes,
                                                   critical_margin, work_order_from, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (community_id, measure) DO UPDATE SET day_limit = EXCLUDED.day_limit,
                    night_limit = EXCLUDED.night_limit, hysteresis = EXCLUDED.hysteresis,
                    minimum_minutes = EXCLUDED.minimum_minutes, critical_margin = EXCLUDED.critical_margin,
                    work_order_from = EXCLUDED.work_order_from, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
                .params(communityId, rule.name(), day, night, hysteresis, minutes, margin, from.name(), Timestamp.from(now),
                        Texts.bounded(caller.subject(), 128))
                .update();
        return ThresholdView.of(of(communityId).get(rule));
    }

    private static BigDecimal positive(@Nullable BigDecimal value, String field, BigDecimal max) {
        BigDecimal rounded = Require.decimal(value, field, BigDecimal.ZERO, max, 1);
        if (rounded.signum() <= 0) {
            throw new ContractViolation(field, "must be above 0 at one decimal place, was " + Require.show(rounded));
        }
        return rounded;
    }

    /** A rule's thresholds in force and, when the community set them, when and by whom. */
    record Effective(AlertRule rule, MonitoringSettings.Threshold threshold, @Nullable Instant updatedAt,
            @Nullable String updatedBy) {
    }

    /**
     * One measure's thresholds as the API shows them.
     *
     * @param source {@code DEFAULT} (the platform's settings) or {@code COMMUNITY} (set by its property manager)
     */
    record ThresholdView(AlertRule measure, Unit unit, BigDecimal dayLimit, BigDecimal nightLimit, BigDecimal hysteresis,
            long minimumMinutes, BigDecimal criticalMargin, WorkOrderFrom workOrderFrom, String source,
            @Nullable Instant updatedAt, @Nullable String updatedBy) {

        static ThresholdView of(Effective effective) {
            MonitoringSettings.Threshold t = effective.threshold();
            return new ThresholdView(effective.rule(), effective.rule().measure().unit(), t.dayLimit(), t.nightLimit(),
                    t.hysteresis(), t.minimumDuration().toMinutes(), t.criticalMargin(), t.workOrderFrom(),
                    effective.updatedAt() == null ? "DEFAULT" : "COMMUNITY", effective.updatedAt(), effective.updatedBy());
        }
    }

    /**
     * A community's own thresholds of one measure, replacing the defaults.
     *
     * @param dayLimit at or above this, by day (06:00-22:00 local), the measure is over its limit; above 0, at most the
     *        measure's range (PM2.5 2000 µg/m³, CO2 40000 ppm, noise 200 dB(A)), one decimal place
     * @param nightLimit the same at night
     * @param hysteresis an alert clears only below the limit minus this; at least 0, below both limits
     * @param minimumMinutes how long a condition must hold before an alert is raised or cleared, 0 to 1440
     * @param criticalMargin from the limit plus this, an alert is CRITICAL
     * @param workOrderFrom from which severity an alert opens a work order: WARNING, CRITICAL or NEVER
     */
    record ThresholdRequest(@Nullable BigDecimal dayLimit, @Nullable BigDecimal nightLimit, @Nullable BigDecimal hysteresis,
            @Nullable Integer minimumMinutes, @Nullable BigDecimal criticalMargin, @Nullable WorkOrderFrom workOrderFrom) {
    }
}
