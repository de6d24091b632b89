package org.communitycarbon.ops.monitoring;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.sensing.EnvironmentMeasure;
import org.communitycarbon.model.sensing.EnvironmentObserved;
import org.communitycarbon.ops.workorder.WorkOrderType;
import org.communitycarbon.support.inbox.ProcessedEvents;
import org.communitycarbon.support.persistence.SqlArrays;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a batch of environment observations in one transaction: claims their ids in the inbox (a replayed observation
 * changes nothing), keeps the latest value of each measure per area, adds each value to its area's hourly rollup, and
 * judges PM2.5, CO2 and noise against the community's thresholds ({@link ThresholdRule}), in observation order per area
 * and measure, raising, escalating and clearing alerts ({@link Alerts}).
 * <p>
 * An observation without an area counts for its sensor, as an area named by the sensor's device id.
 */
@Service
class EnvironmentMonitor {

    static final String CONSUMER = "ops.environment";

    private final JdbcTemplate jdbc;
    private final ProcessedEvents processed;
    private final Registry registry;
    private final Thresholds thresholds;
    private final Alerts alerts;
    private final MonitoringSettings.Environment settings;

    EnvironmentMonitor(JdbcTemplate jdbc, ProcessedEvents processed, Registry registry, Thresholds thresholds, Alerts alerts,
            MonitoringSettings settings) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.registry = registry;
        this.thresholds = thresholds;
        this.alerts = alerts;
        this.settings = settings.environment();
    }

    /** One value of one measure of one area. */
    record Sample(String communityId, String areaId, EnvironmentMeasure measure, BigDecimal value, String deviceId,
            Instant observedAt) {
    }

    @Transactional
    public void record(List<EnvironmentObserved> observations) {
        Set<UUID> fresh = processed.claim(CONSUMER, observations.stream().map(EnvironmentObserved::eventId).toList());
        List<Sample> samples = new ArrayList<>();
        for (EnvironmentObserved observation : observations) {
            if (fresh.remove(observation.eventId())) {
                String area = observation.areaId() != null ? observation.areaId() : observation.deviceId();
                add(samples, observation, area, EnvironmentMeasure.TEMPERATURE, observation.temperature());
                add(samples, observation, area, EnvironmentMeasure.RELATIVE_HUMIDITY, observation.relativeHumidity());
                add(samples, observation, area, EnvironmentMeasure.PM25, observation.pm25());
                add(samples, observation, area, EnvironmentMeasure.CO2, observation.co2());
                add(samples, observation, area, EnvironmentMeasure.NOISE_LEVEL, observation.noiseLevel());
            }
        }
        if (samples.isEmpty()) {
            return;
        }
        latest(samples);
        rollUp(samples);
        judge(samples);
    }

    private static void add(List<Sample> samples, EnvironmentObserved observation, String area, EnvironmentMeasure measure,
            @Nullable Quantity quantity) {
        if (quantity != null) {
            samples.add(new Sample(observation.communityId(), area, measure, quantity.value(), observation.deviceId(),
                    observation.occurredAt().truncatedTo(ChronoUnit.MICROS)));
        }
    }

    /** The latest value of each measure of each area, by observation time. */
    private void latest(List<Sample> samples) {
        Map<String, Sample> latest = new LinkedHashMap<>();
        for (Sample sample : samples) {
            latest.merge(sample.communityId() + "\u001f" + sample.areaId() + "\u001f" + sample.measure(), sample,
                    (a, b) -> b.observedAt().isAfter(a.observedAt()) ? b : a);
        }
        List<Sample> rows = new ArrayList<>(latest.values());
        jdbc.update(connection -> SqlArrays.statement(connection, """
                INSERT INTO environment_latest AS l (community_id, area_id, measure, value, device_id, observed_at)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::timestamptz[])
                ORDER BY 1, 2, 3
                ON CONFLICT (community_id, area_id, measure) DO UPDATE SET value = EXCLUDED.value, device_id = EXCLUDED.device_id,
                    observed_at = EXCLUDED.observed_at
                WHERE l.observed_at < EXCLUDED.observed_at""",
                SqlArrays.of("text", rows, Sample::communityId), SqlArrays.of("text", rows, Sample::areaId),
                SqlArrays.of("text", rows, s -> s.measure().name()), SqlArrays.of("numeric", rows, Sample::value),
                SqlArrays.of("text", rows, Sample::deviceId),
                SqlArrays.of("timestamptz", rows, s -> Timestamp.from(s.observedAt()))));
    }

    /** Adds the samples to their hourly rollups: count, sum, minimum, maximum. */
    private void rollUp(List<Sample> samples) {
        record Bucket(String communityId, String areaId, EnvironmentMeasure measure, Instant hour) {
        }
        record Totals(int samples, BigDecimal total, BigDecimal minimum, BigDecimal maximum) {
            Totals plus(Totals other) {
                return new Totals(samples + other.samples, total.add(other.total), minimum.min(other.minimum),
                        maximum.max(other.maximum));
            }
        }
        Map<Bucket, Totals> buckets = new LinkedHashMap<>();
        for (Sample s : samples) {
            buckets.merge(new Bucket(s.communityId(), s.areaId(), s.measure(), s.observedAt().truncatedTo(ChronoUnit.HOURS)),
                    new Totals(1, s.value(), s.value(), s.value()), Totals::plus);
        }
        List<Map.Entry<Bucket, Totals>> rows = new ArrayList<>(buckets.entrySet());
        jdbc.update(connection -> SqlArrays.statement(connection, """
                INSERT INTO environment_hourly AS h (community_id, area_id, measure, hour, samples, total, minimum, maximum)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::int[], ?::numeric[], ?::numeric[],
                                     ?::numeric[])
                ORDER BY 1, 2, 3, 4
                ON CONFLICT (community_id, area_id, measure, hour) DO UPDATE SET samples = h.samples + EXCLUDED.samples,
                    total = h.total + EXCLUDED.total, minimum = least(h.minimum, EXCLUDED.minimum),
                    maximum = greatest(h.maximum, EXCLUDED.maximum)""",
                SqlArrays.of("text", rows, e -> e.getKey().communityId()), SqlArrays.of("text", rows, e -> e.getKey().areaId()),
                SqlArrays.of("text", rows, e -> e.getKey().measure().name()),
                SqlArrays.of("timestamptz", rows, e -> Timestamp.from(e.getKey().hour())),
                SqlArrays.of("int", rows, e -> e.getValue().samples()), SqlArrays.of("numeric", rows, e -> e.getValue().total()),
                SqlArrays.of("numeric", rows, e -> e.getValue().minimum()),
                SqlArrays.of("numeric", rows, e -> e.getValue().maximum())));
    }

    /** Judges the measures with thresholds, per community, area and measure in observation order. */
    private void judge(List<Sample> samples) {
        Map<String, List<Sample>> byCommunity = samples.stream()
                .filter(s -> AlertRule.environment(s.measure().name()) != null)
                .collect(Collectors.groupingBy(Sample::communityId, LinkedHashMap::new, Collectors.toList()));
        if (byCommunity.isEmpty()) {
            return;
        }
        Map<String, ZoneId> zones = registry.zones(byCommunity.keySet());
        for (Map.Entry<String, List<Sample>> community : byCommunity.entrySet()) {
            judge(community.getKey(), zones.get(community.getKey()), community.getValue());
        }
    }

    private void judge(String communityId, ZoneId zone, List<Sample> samples) {
        Map<AlertRule, Thresholds.Effective> inForce = thresholds.of(communityId);
        Map<AlertRule, List<Sample>> byRule = samples.stream().collect(Collectors.groupingBy(
                s -> AlertRule.environment(s.measure().name()), () -> new java.util.EnumMap<>(AlertRule.class), Collectors.toList()));
        for (Map.Entry<AlertRule, List<Sample>> entry : byRule.entrySet()) {
            AlertRule rule = entry.getKey();
            MonitoringSettings.Threshold threshold = inForce.get(rule).threshold();
            ThresholdRule judge = new ThresholdRule(threshold, zone, settings.nightStarts(), settings.nightEnds());
            Map<String, List<Sample>> byArea = entry.getValue().stream()
                    .sorted(Comparator.comparing(Sample::observedAt))
                    .collect(Collectors.groupingBy(Sample::areaId, LinkedHashMap::new, Collectors.toList()));
            Map<String, ThresholdRule.State> states = states(communityId, rule, byArea.keySet());
            Map<String, Alerts.AlertView> active = alerts.active(communityId, rule, byArea.keySet());
            for (Map.Entry<String, List<Sample>> area : byArea.entrySet()) {
                String areaId = area.getKey();
                ThresholdRule.State state = states.getOrDefault(areaId, ThresholdRule.State.NONE);
                // the database's alert is the truth: a state row without its alert (cleared elsewhere) starts over
                Alerts.AlertView alert = active.get(areaId);
                state = reconcile(state, alert);
                for (Sample sample : area.getValue()) {
                    ThresholdRule.Step step = judge.judge(state, sample.observedAt(), sample.value());
                    alert = apply(communityId, rule, threshold, judge, areaId, sample, step, alert);
                    state = step.state();
                }
                save(communityId, rule, areaId, state);
            }
        }
    }

    private static ThresholdRule.State reconcile(ThresholdRule.State state, Alerts.@Nullable AlertView alert) {
        if (alert == null && state.active() != null) {
            return new ThresholdRule.State(state.lastObservedAt(), null, null, null);
        }
        if (alert != null && state.active() == null) {
            // the stored condition does not keep the severity: the alert's; a clearing under way goes on
            return new ThresholdRule.State(state.lastObservedAt(), null, state.belowSince(), alert.severity());
        }
        return state;
    }

    private Alerts.@Nullable AlertView apply(String communityId, AlertRule rule, MonitoringSettings.Threshold threshold,
            ThresholdRule judge, String areaId, Sample sample, ThresholdRule.Step step, Alerts.@Nullable AlertView alert) {
        switch (step.outcome()) {
            case RAISE -> {
                Severity severity = java.util.Objects.requireNonNull(step.state().active());
                return alerts.raise(draft(communityId, rule, threshold, judge, areaId, sample, step.limit(), severity));
            }
            case ESCALATE -> {
                if (alert != null) {
                    Severity severity = java.util.Objects.requireNonNull(step.state().active());
                    alerts.escalate(alert, draft(communityId, rule, threshold, judge, areaId, sample, step.limit(), severity));
                }
                return alert;
            }
            case CLEAR -> {
                if (alert != null) {
                    String unit = rule.measure().unit().symbol();
                    alerts.clear(alert, sample.observedAt(), sample.value(), "Cleared by the platform: " + label(rule) + " at "
                            + areaId + " stayed below " + Texts.plain(judge.clearBelow(sample.observedAt())) + " " + unit
                            + " (limit minus hysteresis) for " + threshold.minimumDuration().toMinutes() + " min; "
                            + Texts.plain(sample.value()) + " " + unit + " at " + sample.observedAt());
                }
                return null;
            }
            case NOTHING -> {
                if (alert != null) {
                    alerts.peak(alert.id(), sample.value());
                }
                return alert;
            }
            default -> {
                return alert;
            }
        }
    }

    private Alerts.Draft draft(String communityId, AlertRule rule, MonitoringSettings.Threshold threshold, ThresholdRule judge,
            String areaId, Sample sample, BigDecimal limit, Severity severity) {
        String unit = rule.measure().unit().symbol();
        String title = label(rule) + " at " + areaId + " is " + Texts.plain(sample.value()) + " " + unit + ", over its "
                + (judge.isNight(sample.observedAt()) ? "night" : "day") + " limit of " + Texts.plain(limit) + " " + unit;
        WorkOrderType order = threshold.workOrderFrom().opens(severity) ? WorkOrderType.ENVIRONMENT_THRESHOLD : null;
        return new Alerts.Draft(communityId, rule, areaId, Texts.source(rule.slug(), communityId, areaId), severity,
                Texts.bounded(title, 300), sample.observedAt(), sample.value(), limit, rule.measure().unit(), order,
                settings.resolveWithin(), Map.of("areaId", areaId, "measure", rule.name(), "deviceId", sample.deviceId()));
    }

    static String label(AlertRule rule) {
        return switch (rule) {
            case PM25 -> "PM2.5";
            case CO2 -> "CO2";
            case NOISE_LEVEL -> "Noise";
            default -> rule.name();
        };
    }

    private Map<String, ThresholdRule.State> states(String communityId, AlertRule rule, Set<String> areas) {
        Map<String, ThresholdRule.State> states = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT area_id, last_observed_at, above_since, below_since FROM environment_condition
                    WHERE community_id = ? AND measure = ? AND area_id = ANY(?)
                    ORDER BY area_id FOR UPDATE""");
            statement.setString(1, communityId);
            statement.setString(2, rule.name());
            statement.setArray(3, connection.createArrayOf("text", areas.toArray()));
            return statement;
        }, rs -> {
            states.put(rs.getString(1), new ThresholdRule.State(instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)),
                    instant(rs.getTimestamp(4)), null));
        });
        return states;
    }

    private void save(String communityId, AlertRule rule, String areaId, ThresholdRule.State state) {
        if (state.lastObservedAt() == null) {
            return;
        }
        jdbc.update("""
                INSERT INTO environment_condition (community_id, area_id, measure, last_observed_at, above_since, below_since)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (community_id, area_id, measure) DO UPDATE SET last_observed_at = EXCLUDED.last_observed_at,
                    above_since = EXCLUDED.above_since, below_since = EXCLUDED.below_since""",
                communityId, areaId, rule.name(), Timestamp.from(state.lastObservedAt()), timestamp(state.aboveSince()),
                timestamp(state.belowSince()));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
