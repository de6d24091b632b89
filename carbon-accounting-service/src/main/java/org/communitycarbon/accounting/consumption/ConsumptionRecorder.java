package org.communitycarbon.accounting.consumption;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.communitycarbon.accounting.consumption.RegisterSeries.Assessment;
import org.communitycarbon.accounting.consumption.RegisterSeries.Reading;
import org.communitycarbon.accounting.methodology.Factor;
import org.communitycarbon.accounting.methodology.FactorCatalog;
import org.communitycarbon.accounting.retention.RawReadingRetention;
import org.communitycarbon.accounting.rollup.Rollups;
import org.communitycarbon.accounting.rollup.Rollups.ConsumptionChange;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.support.persistence.SqlArrays;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Stores a batch of meter readings with what each contributes, in four round trips however many devices
 * the batch touches:
 * <ol>
 * <li>lock the batch's devices for this transaction (so two consumers never judge one device at once, even
 * during a rebalance);</li>
 * <li>read each device's readings from its last trusted reading before the earliest new one;</li>
 * <li>judge the merged series ({@link RegisterSeries}): quality and delta of every reading from there on;</li>
 * <li>insert the new readings and update the stored ones whose judgement changed (a late reading, or the
 * reading that tells a pending one apart).</li>
 * </ol>
 * In the common case — each device's next reading, in order — step 2 reads one row per device and step 4 is a
 * single insert. A reading observed before the raw-reading retention's cutoff is refused as too late
 * ({@link RawReadingRetention}). The daily and hourly rollups ({@link Rollups}) follow in the same transaction, from the rows step 4 reports as
 * inserted and changed (two upserts). A reading is identified by community, device and time: delivered twice, it is stored once.
 */
@Service
public class ConsumptionRecorder {

    private final JdbcTemplate jdbc;
    private final MeterQualitySettings quality;
    private final FactorCatalog factors;
    private final Rollups rollups;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter expired;
    private final RawReadingRetention retention;
    private final Map<RegisterQuality, Counter> judged = new EnumMap<>(RegisterQuality.class);

    ConsumptionRecorder(JdbcTemplate jdbc, MeterQualitySettings quality, FactorCatalog factors, Rollups rollups,
            RawReadingRetention retention, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.quality = quality;
        this.factors = factors;
        this.rollups = rollups;
        this.stored = Counter.builder("accounting.meter.readings").tag("outcome", "stored").register(meters);
        this.duplicates = Counter.builder("accounting.meter.readings").tag("outcome", "duplicate").register(meters);
        this.expired = Counter.builder("accounting.meter.readings").tag("outcome", "expired").register(meters);
        for (RegisterQuality value : RegisterQuality.values()) {
            judged.put(value, Counter.builder("accounting.meter.readings.judged")
                    .description("New meter readings by the quality they were first judged to have")
                    .tag("quality", value.name()).register(meters));
        }
    }

    /** Returns how many of the readings were new. */
    @Transactional
    public int record(List<MeterReadingReceived> delivered) {
        List<MeterReadingReceived> readings = delivered;
        if (retention.enabled()) {
            // older than the raw window: its neighbours may have been purged, so no delta could be judged from them
            Instant cutoff = retention.cutoff();
            readings = delivered.stream().filter(r -> !r.occurredAt().isBefore(cutoff)).toList();
            expired.increment(delivered.size() - readings.size());
        }
        if (readings.isEmpty()) {
            return 0;
        }
        Map<DeviceKey, TreeMap<Instant, MeterReadingReceived>> fresh = new LinkedHashMap<>();
        for (MeterReadingReceived reading : readings) {
            fresh.computeIfAbsent(new DeviceKey(reading.communityId(), reading.deviceId()), k -> new TreeMap<>())
                    .putIfAbsent(reading.occurredAt(), reading);
        }
        List<DeviceKey> devices = new ArrayList<>(fresh.keySet());
        lock(devices);
        Map<DeviceKey, List<Stored>> windows = windows(devices, fresh);
        List<MeterReadingReceived> inserts = new ArrayList<>();
        List<Assessment> insertAssessments = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (DeviceKey device : devices) {
            judge(fresh.get(device), windows.getOrDefault(device, List.of()), inserts, insertAssessments, changes);
        }
        // the factor that prices each new reading, recorded with it: a later version never reprices it
        List<Long> factorIds = inserts.stream().map(r -> factors.emissionFactor(r.communityId(), r.meterType(), r.occurredAt())
                .map(Factor::id).orElse(null)).toList();
        // the rollups follow what the statements report: rows really inserted, and each changed row's old and new state
        List<ConsumptionChange> rollup = new ArrayList<>();
        if (!inserts.isEmpty()) {
            jdbc.query(connection -> insert(connection, inserts, insertAssessments, factorIds), rs -> {
                String quality = rs.getString(8);
                rollup.add(new ConsumptionChange(rs.getString(1), rs.getString(9), rs.getTimestamp(5).toInstant(), rs.getString(2),
                        rs.getString(3), rs.getString(4), (Long) rs.getObject(6), orZero(rs.getBigDecimal(7)), 1, quality, 1));
            });
        }
        int inserted = rollup.size();
        if (!changes.isEmpty()) {
            jdbc.query(connection -> update(connection, changes), rs -> {
                String community = rs.getString(1);
                Instant at = rs.getTimestamp(5).toInstant();
                Long factor = (Long) rs.getObject(6);
                String device = rs.getString(11);
                rollup.add(new ConsumptionChange(community, device, at, rs.getString(2), rs.getString(3), rs.getString(4), factor,
                        orZero(rs.getBigDecimal(7)).negate(), 0, rs.getString(8), -1));
                rollup.add(new ConsumptionChange(community, device, at, rs.getString(2), rs.getString(3), rs.getString(4), factor,
                        orZero(rs.getBigDecimal(9)), 0, rs.getString(10), 1));
            });
        }
        rollups.addConsumption(rollup);
        for (int i = 0; i < inserts.size(); i++) {
            judged.get(insertAssessments.get(i).quality()).increment();
        }
        stored.increment(inserted);
        duplicates.increment(readings.size() - inserted);
        return inserted;
    }

    /** Merges one device's new readings into its stored window and judges the series from its anchor on. */
    private void judge(TreeMap<Instant, MeterReadingReceived> news, List<Stored> window, List<MeterReadingReceived> inserts,
            List<Assessment> insertAssessments, List<Change> changes) {
        TreeMap<Instant, Object> merged = new TreeMap<>();
        for (Stored row : window) {
            merged.put(row.observedAt(), row);
        }
        for (MeterReadingReceived reading : news.values()) {
            merged.putIfAbsent(reading.occurredAt(), reading); // a stored reading at the same time wins: a duplicate
        }
        List<Object> series = new ArrayList<>(merged.values());
        if (series.stream().noneMatch(MeterReadingReceived.class::isInstance)) {
            return;
        }
        MeterReadingReceived newest = news.lastEntry().getValue();
        List<Reading> registers = series.stream().map(ConsumptionRecorder::reading).toList();
        List<Assessment> assessments = RegisterSeries.assess(registers,
                quality.maxPerHour(newest.meterType(), newest.householdId() != null));
        boolean anchored = !window.isEmpty() && window.get(0).anchor();
        for (int i = anchored ? 1 : 0; i < series.size(); i++) {
            Assessment assessment = assessments.get(i);
            if (series.get(i) instanceof MeterReadingReceived reading) {
                inserts.add(reading);
                insertAssessments.add(assessment);
            }
            else if (series.get(i) instanceof Stored row && !row.judged(assessment)) {
                changes.add(new Change(newest.communityId(), newest.deviceId(), row.observedAt(), assessment));
            }
        }
    }

    private static Reading reading(Object element) {
        return element instanceof Stored row ? new Reading(row.observedAt(), row.register())
                : new Reading(((MeterReadingReceived) element).occurredAt(), ((MeterReadingReceived) element).register().value());
    }

    /** Transaction-scoped advisory locks on the devices, always taken in the same order. */
    private void lock(List<DeviceKey> devices) {
        Long[] keys = devices.stream().map(DeviceKey::lockKey).sorted().distinct().toArray(Long[]::new);
        jdbc.query(connection -> SqlArrays.statement(connection,
                "SELECT pg_advisory_xact_lock(k) FROM (SELECT k FROM unnest(?::bigint[]) AS k ORDER BY k) AS sorted",
                SqlArrays.of("bigint", keys)), rs -> {
                });
    }

    /** Per device, its stored readings from the last trusted one before its earliest new reading. */
    private Map<DeviceKey, List<Stored>> windows(List<DeviceKey> devices, Map<DeviceKey, TreeMap<Instant, MeterReadingReceived>> fresh) {
        Map<DeviceKey, List<Stored>> windows = new LinkedHashMap<>();
        jdbc.query(connection -> SqlArrays.statement(connection, """
                SELECT a.community_id, a.device_id, r.observed_at, r.register, r.quality, r.delta,
                       r.observed_at = anchor.observed_at AS is_anchor
                FROM unnest(?::text[], ?::text[], ?::timestamptz[]) AS a(community_id, device_id, since)
                LEFT JOIN LATERAL (
                    SELECT p.observed_at FROM meter_reading p
                    WHERE p.community_id = a.community_id AND p.device_id = a.device_id AND p.observed_at < a.since
                      AND p.quality IN ('FIRST', 'OK', 'RESET', 'JUMP')
                    ORDER BY p.observed_at DESC LIMIT 1) AS anchor ON true
                CROSS JOIN LATERAL (
                    SELECT w.observed_at, w.register, w.quality, w.delta FROM meter_reading w
                    WHERE w.community_id = a.community_id AND w.device_id = a.device_id
                      AND w.observed_at >= coalesce(anchor.observed_at, '-infinity'::timestamptz)
                    ORDER BY w.observed_at) AS r
                ORDER BY a.community_id, a.device_id, r.observed_at""",
                SqlArrays.of("text", devices, DeviceKey::communityId),
                SqlArrays.of("text", devices, DeviceKey::deviceId),
                SqlArrays.of("timestamptz", devices, d -> Timestamp.from(fresh.get(d).firstKey()))),
                rs -> {
                    windows.computeIfAbsent(new DeviceKey(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                            .add(new Stored(rs.getTimestamp(3).toInstant(), rs.getBigDecimal(4),
                                    RegisterQuality.valueOf(rs.getString(5)), rs.getBigDecimal(6), rs.getBoolean(7)));
                });
        return windows;
    }

    private static PreparedStatement insert(Connection connection, List<MeterReadingReceived> readings, List<Assessment> assessments,
            List<Long> factorIds) throws SQLException {
        return SqlArrays.statement(connection, """
                INSERT INTO meter_reading (event_id, community_id, device_id, meter_type, household_id, area_id, observed_at,
                                           register, unit, quality, delta, emission_factor_id)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                                     ?::numeric[], ?::text[], ?::text[], ?::numeric[], ?::bigint[])
                ON CONFLICT DO NOTHING
                RETURNING community_id, household_id, area_id, meter_type, observed_at, emission_factor_id, delta, quality, device_id""",
                SqlArrays.of("uuid", readings, MeterReadingReceived::eventId),
                SqlArrays.of("text", readings, MeterReadingReceived::communityId),
                SqlArrays.of("text", readings, MeterReadingReceived::deviceId),
                SqlArrays.of("text", readings, r -> r.meterType().name()),
                SqlArrays.of("text", readings, MeterReadingReceived::householdId),
                SqlArrays.of("text", readings, MeterReadingReceived::areaId),
                SqlArrays.of("timestamptz", readings, r -> Timestamp.from(r.occurredAt())),
                SqlArrays.of("numeric", readings, r -> r.register().value()),
                SqlArrays.of("text", readings, r -> r.register().unit().name()),
                SqlArrays.of("text", assessments, a -> a.quality().name()),
                SqlArrays.of("numeric", assessments, Assessment::delta),
                SqlArrays.of("bigint", factorIds, id -> id));
    }

    private static PreparedStatement update(Connection connection, List<Change> changes) throws SQLException {
        return SqlArrays.statement(connection, """
                UPDATE meter_reading m SET quality = c.quality, delta = c.delta
                FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::numeric[])
                     AS c(community_id, device_id, observed_at, quality, delta), meter_reading old
                WHERE m.community_id = c.community_id AND m.device_id = c.device_id AND m.observed_at = c.observed_at
                  AND old.community_id = m.community_id AND old.device_id = m.device_id AND old.observed_at = m.observed_at
                RETURNING m.community_id, m.household_id, m.area_id, m.meter_type, m.observed_at, m.emission_factor_id,
                          old.delta, old.quality, m.delta, m.quality, m.device_id""",
                SqlArrays.of("text", changes, Change::communityId),
                SqlArrays.of("text", changes, Change::deviceId),
                SqlArrays.of("timestamptz", changes, c -> Timestamp.from(c.observedAt())),
                SqlArrays.of("text", changes, c -> c.assessment().quality().name()),
                SqlArrays.of("numeric", changes, c -> c.assessment().delta()));
    }

    private static BigDecimal orZero(@Nullable BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** A device, as identified everywhere: by community and device id. */
    record DeviceKey(String communityId, String deviceId) {

        /** A 64-bit FNV-1a hash for the device's advisory lock. */
        long lockKey() {
            long hash = 0xcbf29ce484222325L;
            for (char c : (communityId + '/' + deviceId).toCharArray()) {
                hash ^= c;
                hash *= 0x100000001b3L;
            }
            return hash;
        }
    }

    /** A stored reading; {@code anchor} when it is the trusted reading the window starts from. */
    private record Stored(Instant observedAt, BigDecimal register, RegisterQuality quality, BigDecimal delta, boolean anchor) {

        boolean judged(Assessment assessment) {
            return quality == assessment.quality()
                    && (delta == null ? assessment.delta() == null : assessment.delta() != null && delta.compareTo(assessment.delta()) == 0);
        }
    }

    private record Change(String communityId, String deviceId, Instant observedAt, Assessment assessment) {
    }
}
