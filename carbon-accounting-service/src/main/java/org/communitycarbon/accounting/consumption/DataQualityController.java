package org.communitycarbon.accounting.consumption;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.rollup.Months;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.sensing.MeterType;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The quality of a community's meter data over {@code (from, to]}: how many readings were counted and how many
 * flagged (glitches, resets, jumps, pending), as a figure for the community; per device, and each device's
 * readings with their judgement, for its property team. The figures read whole local days from the devices' daily
 * quality rollups and only the partial days at the period's edges from the readings.
 */
@RestController
@RequestMapping("/api/accounting/communities/{communityId}")
@Transactional(readOnly = true)
class DataQualityController {

    static final int MAX_READINGS = 2_000;
    static final int MAX_DEVICES = 200;

    private final JdbcTemplate jdbc;
    private final FactorCatalog factors;
    private final MeteredAccuracy accuracy;
    private final Clock clock;

    DataQualityController(JdbcTemplate jdbc, FactorCatalog factors, MeteredAccuracy accuracy, Clock clock) {
        this.jdbc = jdbc;
        this.factors = factors;
        this.accuracy = accuracy;
        this.clock = clock;
    }

    /**
     * @param readings all readings stored in the period
     * @param counted readings whose delta counts as consumption
     * @param flagged readings by quality, for the qualities other than FIRST and OK
     * @param flaggedShare flagged readings over all readings, 0 to 1
     * @param devicesReporting devices with a reading in the period
     * @param devicesFlagged devices with at least one flagged reading
     * @param masterMeters measured accuracy over the period's whole local days: the buildings' master meters against
     *        the sums of their households' and common areas' meters; null when the community has no master meter
     */
    record DataQuality(String communityId, Instant from, Instant to, long readings, long counted,
            Map<RegisterQuality, Long> flagged, BigDecimal flaggedShare, long devicesReporting, long devicesFlagged,
            MeteredAccuracy.@Nullable Accuracy masterMeters) {
    }

    /** A device's flagged readings in the period, most flagged first. */
    record DeviceQuality(String deviceId, MeterType meterType, @Nullable String householdId, @Nullable String areaId,
            long readings, Map<RegisterQuality, Long> flagged) {
    }

    record DeviceReading(Instant observedAt, Quantity register, RegisterQuality quality, @Nullable Quantity delta,
            Instant storedAt) {
    }

    @GetMapping("/data-quality")
    DataQuality community(Caller caller, @PathVariable String communityId, @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to) {
        caller.requireOversight(communityId);
        Period period = Period.of(from, to, clock);
        Days days = Days.within(period, factors.zoneOf(communityId));
        Months months = Months.within(days.first(), days.last());
        Object[] m = months.monthArgs();
        Object[] d = months.dayArgs();
        Map<RegisterQuality, Long> byQuality = new EnumMap<>(RegisterQuality.class);
        long[] devices = new long[2];
        // whole local months and days from the devices' monthly and daily quality rollups, the partial days at the edges from the readings
        jdbc.query("""
                WITH q AS (
                    SELECT device_id, readings, first, glitch, reset, jump, pending FROM device_quality_month
                    WHERE community_id = ? AND month BETWEEN ? AND ?
                    UNION ALL
                    SELECT device_id, readings, first, glitch, reset, jump, pending FROM device_quality_day
                    WHERE community_id = ? AND (day BETWEEN ? AND ? OR day BETWEEN ? AND ?)
                    UNION ALL
                    SELECT device_id, count(*), count(*) FILTER (WHERE quality = 'FIRST'), count(*) FILTER (WHERE quality = 'GLITCH'),
                           count(*) FILTER (WHERE quality = 'RESET'), count(*) FILTER (WHERE quality = 'JUMP'),
                           count(*) FILTER (WHERE quality = 'PENDING')
                    FROM meter_reading
                    WHERE community_id = ? AND ((observed_at > ? AND observed_at <= ?) OR (observed_at > ? AND observed_at <= ?))
                    GROUP BY device_id)
                SELECT coalesce(sum(readings), 0), coalesce(sum(first), 0), coalesce(sum(glitch), 0), coalesce(sum(reset), 0),
                       coalesce(sum(jump), 0), coalesce(sum(pending), 0), count(DISTINCT device_id) FILTER (WHERE readings > 0),
                       count(DISTINCT device_id) FILTER (WHERE glitch + reset + jump + pending > 0)
                FROM q""",
                rs -> {
                    long first = rs.getLong(2);
                    long flaggedAll = rs.getLong(3) + rs.getLong(4) + rs.getLong(5) + rs.getLong(6);
                    byQuality.put(RegisterQuality.FIRST, first);
                    byQuality.put(RegisterQuality.OK, rs.getLong(1) - first - flaggedAll);
                    byQuality.put(RegisterQuality.GLITCH, rs.getLong(3));
                    byQuality.put(RegisterQuality.RESET, rs.getLong(4));
                    byQuality.put(RegisterQuality.JUMP, rs.getLong(5));
                    byQuality.put(RegisterQuality.PENDING, rs.getLong(6));
                    devices[0] = rs.getLong(7);
                    devices[1] = rs.getLong(8);
                },
                communityId, m[0], m[1], communityId, d[0], d[1], d[2], d[3], communityId,
                Timestamp.from(days.head()[0]), Timestamp.from(days.head()[1]), Timestamp.from(days.tail()[0]),
                Timestamp.from(days.tail()[1]));
        long all = byQuality.values().stream().mapToLong(Long::longValue).sum();
        Map<RegisterQuality, Long> flagged = flagged(byQuality);
        long flaggedCount = flagged.values().stream().mapToLong(Long::longValue).sum();
        BigDecimal share = all == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(flaggedCount).divide(BigDecimal.valueOf(all), 6, RoundingMode.HALF_UP);
        return new DataQuality(communityId, period.from(), period.to(), all, byQuality.getOrDefault(RegisterQuality.OK, 0L),
                flagged, share, devices[0], devices[1], accuracy.of(communityId, days.first(), days.last()));
    }

    @GetMapping("/data-quality/devices")
    List<DeviceQuality> devices(Caller caller, @PathVariable String communityId, @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to) {
        caller.requirePropertyTeam(communityId);
        Period period = Period.of(from, to, clock);
        Days days = Days.within(period, factors.zoneOf(communityId));
        Months months = Months.within(days.first(), days.last());
        Object[] m = months.monthArgs();
        Object[] d = months.dayArgs();
        return jdbc.query("""
                WITH q AS (
                    SELECT device_id, meter_type, nullif(household_id, '') AS household_id, nullif(area_id, '') AS area_id, readings,
                           glitch, reset, jump, pending
                    FROM device_quality_month WHERE community_id = ? AND month BETWEEN ? AND ?
                    UNION ALL
                    SELECT device_id, meter_type, nullif(household_id, ''), nullif(area_id, ''), readings, glitch, reset, jump, pending
                    FROM device_quality_day WHERE community_id = ? AND (day BETWEEN ? AND ? OR day BETWEEN ? AND ?)
                    UNION ALL
                    SELECT device_id, max(meter_type), max(household_id), max(area_id), count(*), count(*) FILTER (WHERE quality = 'GLITCH'),
                           count(*) FILTER (WHERE quality = 'RESET'), count(*) FILTER (WHERE quality = 'JUMP'),
                           count(*) FILTER (WHERE quality = 'PENDING')
                    FROM meter_reading
                    WHERE community_id = ? AND ((observed_at > ? AND observed_at <= ?) OR (observed_at > ? AND observed_at <= ?))
                    GROUP BY device_id)
                SELECT device_id, max(meter_type), max(household_id), max(area_id), sum(readings), sum(glitch), sum(reset), sum(jump),
                       sum(pending)
                FROM q GROUP BY device_id HAVING sum(glitch + reset + jump + pending) > 0
                ORDER BY sum(glitch + reset + jump + pending) DESC, device_id LIMIT ?""",
                (rs, n) -> {
                    Map<RegisterQuality, Long> flagged = new EnumMap<>(RegisterQuality.class);
                    flagged.put(RegisterQuality.GLITCH, rs.getLong(6));
                    flagged.put(RegisterQuality.RESET, rs.getLong(7));
                    flagged.put(RegisterQuality.JUMP, rs.getLong(8));
                    flagged.put(RegisterQuality.PENDING, rs.getLong(9));
                    return new DeviceQuality(rs.getString(1), MeterType.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getLong(5), flagged);
                },
                communityId, m[0], m[1], communityId, d[0], d[1], d[2], d[3], communityId,
                Timestamp.from(days.head()[0]), Timestamp.from(days.head()[1]), Timestamp.from(days.tail()[0]),
                Timestamp.from(days.tail()[1]), MAX_DEVICES);
    }

    @AuditedRead
    @GetMapping("/devices/{deviceId}/readings")
    List<DeviceReading> readings(Caller caller, @PathVariable String communityId, @PathVariable String deviceId,
            @RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(required = false) @Nullable RegisterQuality quality) {
        caller.requirePropertyTeam(communityId);
        Require.identifier(deviceId, "deviceId");
        Period period = Period.of(from, to, clock);
        if (quality == RegisterQuality.FIRST) {
            throw new ContractViolation("quality", "filter on OK or a flagged quality");
        }
        return jdbc.query("""
                SELECT observed_at, register, unit, quality, delta, stored_at FROM meter_reading
                WHERE community_id = ? AND device_id = ? AND observed_at > ? AND observed_at <= ? AND (CAST(? AS text) IS NULL OR quality = ?)
                ORDER BY observed_at DESC LIMIT ?""",
                (rs, n) -> {
                    var unit = org.communitycarbon.model.Unit.valueOf(rs.getString(3));
                    BigDecimal delta = rs.getBigDecimal(5);
                    return new DeviceReading(rs.getTimestamp(1).toInstant(), Quantity.of(rs.getBigDecimal(2), unit),
                            RegisterQuality.valueOf(rs.getString(4)), delta == null ? null : Quantity.of(delta, unit),
                            rs.getTimestamp(6).toInstant());
                },
                communityId, deviceId, Timestamp.from(period.from()), Timestamp.from(period.to()),
                quality == null ? null : quality.name(), quality == null ? null : quality.name(), MAX_READINGS);
    }

    private static Map<RegisterQuality, Long> flagged(Map<RegisterQuality, Long> byQuality) {
        Map<RegisterQuality, Long> flagged = new EnumMap<>(RegisterQuality.class);
        for (RegisterQuality quality : List.of(RegisterQuality.GLITCH, RegisterQuality.RESET, RegisterQuality.JUMP, RegisterQuality.PENDING)) {
            flagged.put(quality, byQuality.getOrDefault(quality, 0L));
        }
        return flagged;
    }
}
