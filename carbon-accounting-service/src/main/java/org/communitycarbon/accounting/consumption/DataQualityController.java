package org.communitycarbon.accounting.consumption;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
 * readings with their judgement, for its property team.
 */
@RestController
@RequestMapping("/api/accounting/communities/{communityId}")
@Transactional(readOnly = true)
class DataQualityController {

    static final int MAX_READINGS = 2_000;
    static final int MAX_DEVICES = 200;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DataQualityController(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param readings all readings stored in the period
     * @param counted readings whose delta counts as consumption
     * @param flagged readings by quality, for the qualities other than FIRST and OK
     * @param flaggedShare flagged readings over all readings, 0 to 1
     * @param devicesReporting devices with a reading in the period
     * @param devicesFlagged devices with at least one flagged reading
     */
    record DataQuality(String communityId, Instant from, Instant to, long readings, long counted,
            Map<RegisterQuality, Long> flagged, BigDecimal flaggedShare, long devicesReporting, long devicesFlagged) {
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
        Map<RegisterQuality, Long> byQuality = new EnumMap<>(RegisterQuality.class);
        jdbc.query("""
                SELECT quality, count(*) FROM meter_reading WHERE community_id = ? AND observed_at > ? AND observed_at <= ?
                GROUP BY quality""",
                rs -> {
                    byQuality.put(RegisterQuality.valueOf(rs.getString(1)), rs.getLong(2));
                },
                communityId, Timestamp.from(period.from()), Timestamp.from(period.to()));
        long[] devices = jdbc.queryForObject("""
                SELECT count(DISTINCT device_id), count(DISTINCT device_id) FILTER (WHERE quality NOT IN ('FIRST', 'OK'))
                FROM meter_reading WHERE community_id = ? AND observed_at > ? AND observed_at <= ?""",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)},
                communityId, Timestamp.from(period.from()), Timestamp.from(period.to()));
        long all = byQuality.values().stream().mapToLong(Long::longValue).sum();
        Map<RegisterQuality, Long> flagged = flagged(byQuality);
        long flaggedCount = flagged.values().stream().mapToLong(Long::longValue).sum();
        BigDecimal share = all == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(flaggedCount).divide(BigDecimal.valueOf(all), 6, RoundingMode.HALF_UP);
        return new DataQuality(communityId, period.from(), period.to(), all, byQuality.getOrDefault(RegisterQuality.OK, 0L),
                flagged, share, devices[0], devices[1]);
    }

    @GetMapping("/data-quality/devices")
    List<DeviceQuality> devices(Caller caller, @PathVariable String communityId, @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to) {
        caller.requirePropertyTeam(communityId);
        Period period = Period.of(from, to, clock);
        return jdbc.query("""
                SELECT device_id, max(meter_type), max(household_id), max(area_id), count(*),
                       count(*) FILTER (WHERE quality = 'GLITCH'), count(*) FILTER (WHERE quality = 'RESET'),
                       count(*) FILTER (WHERE quality = 'JUMP'), count(*) FILTER (WHERE quality = 'PENDING')
                FROM meter_reading WHERE community_id = ? AND observed_at > ? AND observed_at <= ?
                GROUP BY device_id HAVING count(*) FILTER (WHERE quality NOT IN ('FIRST', 'OK')) > 0
                ORDER BY count(*) FILTER (WHERE quality NOT IN ('FIRST', 'OK')) DESC, device_id LIMIT ?""",
                (rs, n) -> {
                    Map<RegisterQuality, Long> flagged = new EnumMap<>(RegisterQuality.class);
                    flagged.put(RegisterQuality.GLITCH, rs.getLong(6));
                    flagged.put(RegisterQuality.RESET, rs.getLong(7));
                    flagged.put(RegisterQuality.JUMP, rs.getLong(8));
                    flagged.put(RegisterQuality.PENDING, rs.getLong(9));
                    return new DeviceQuality(rs.getString(1), MeterType.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getLong(5), flagged);
                },
                communityId, Timestamp.from(period.from()), Timestamp.from(period.to()), MAX_DEVICES);
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
