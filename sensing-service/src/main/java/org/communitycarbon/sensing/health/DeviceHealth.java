package org.communitycarbon.sensing.health;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.registry.Connectivity;
import org.communitycarbon.model.registry.DeviceStatusChanged;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.sensing.registry.DeviceDirectory;
import org.communitycarbon.sensing.registry.KnownDevice;
import org.communitycarbon.support.outbox.Outbox;
import org.communitycarbon.support.persistence.SqlArrays;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When each device was last heard from, and whether it is online. Ingest tells it of every accepted message
 * ({@link #heard}) in memory; every {@code flush-interval} it writes the latest per device, merging with what
 * other instances wrote (the latest wins), and a device that was offline comes back {@code ONLINE}. Every
 * {@code check-interval} one instance (an advisory lock) marks {@code OFFLINE} the active devices silent for
 * longer than their type allows. Each change is a {@link DeviceStatusChanged} on
 * {@value RegistryTopics#DEVICE_STATUS}, written through the outbox in the transaction that makes it.
 * <p>
 * What was heard but not yet written when the database is unreachable is kept and written at the next flush.
 */
@Component
public class DeviceHealth implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeviceHealth.class);

    /** Locks the heard devices that are offline now, so that no check marks one between this and the write. */
    private static final String OFFLINE_AMONG = """
            SELECT s.community_id, s.device_id FROM device_seen s
            JOIN unnest(?::text[], ?::text[]) AS h(community_id, device_id) USING (community_id, device_id)
            WHERE NOT s.online FOR UPDATE OF s""";

    /** Writes what was heard (the latest wins) and marks the devices online. */
    private static final String WRITE = """
            INSERT INTO device_seen AS s (community_id, device_id, device_type, last_seen_at, last_observed_at, online,
                status_changed_at, battery_level, battery_observed_at)
            SELECT community_id, device_id, device_type, seen, observed, true, ?, battery, battery_at
            FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::numeric[], ?::timestamptz[])
                AS h(community_id, device_id, device_type, seen, observed, battery, battery_at)
            ON CONFLICT (community_id, device_id) DO UPDATE SET
                last_seen_at = greatest(s.last_seen_at, excluded.last_seen_at),
                last_observed_at = greatest(s.last_observed_at, excluded.last_observed_at),
                -- the battery level by the device's own clock: a late older report does not overwrite a newer one
                battery_level = CASE WHEN s.battery_observed_at IS NULL OR excluded.battery_observed_at > s.battery_observed_at
                                     THEN coalesce(excluded.battery_level, s.battery_level) ELSE s.battery_level END,
                battery_observed_at = CASE WHEN s.battery_observed_at IS NULL OR excluded.battery_observed_at > s.battery_observed_at
                                     THEN coalesce(excluded.battery_observed_at, s.battery_observed_at) ELSE s.battery_observed_at END,
                online = true,
                status_changed_at = CASE WHEN s.online THEN s.status_changed_at ELSE excluded.status_changed_at END
            RETURNING s.community_id, s.device_id, s.device_type, s.last_seen_at""";

    /**
     * Sets the bits of the local hours the devices were heard in ({@code device_hours}, for the monthly uptime figure):
     * the first and the last arrival of each since the last flush, which a flush interval far below an hour puts in at
     * most two hours. A bit already set writes nothing.
     */
    private static final String HOURS = """
            INSERT INTO device_hours AS d (community_id, day, device_id, hours)
            SELECT h.community_id, (h.at AT TIME ZONE c.time_zone)::date, h.device_id,
                   bit_or(1 << extract(hour FROM h.at AT TIME ZONE c.time_zone)::int)
            FROM unnest(?::text[], ?::text[], ?::timestamptz[]) AS h(community_id, device_id, at)
            JOIN community c ON c.id = h.community_id
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT (community_id, day, device_id) DO UPDATE SET hours = d.hours | excluded.hours
            WHERE (d.hours | excluded.hours) <> d.hours""";

    private static final String MARK_OFFLINE = """
            UPDATE device_seen s SET online = false, status_changed_at = ?
            FROM device d
            WHERE s.online AND s.device_type = ? AND s.last_seen_at < ?
              AND d.community_id = s.community_id AND d.id = s.device_id AND d.status = 'ACTIVE'
            RETURNING s.community_id, s.device_id, s.device_type, s.last_seen_at""";

    /** One thing heard from a device: the first and latest arrival and the latest of its own timestamps. */
    record Heard(String communityId, String deviceId, DeviceType type, Instant firstSeenAt, Instant lastSeenAt,
            Instant lastObservedAt, @Nullable Battery battery) {

        Heard latest(Heard other) {
            return new Heard(communityId, deviceId, type, min(firstSeenAt, other.firstSeenAt), max(lastSeenAt, other.lastSeenAt),
                    max(lastObservedAt, other.lastObservedAt), Battery.latest(battery, other.battery));
        }

        private static Instant max(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }

        private static Instant min(Instant a, Instant b) {
            return a.isBefore(b) ? a : b;
        }
    }

    private final JdbcTemplate jdbc;
    private final DeviceDirectory directory;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final HealthSettings settings;
    private final Clock clock;
    private final ConcurrentHashMap<String, Heard> heard = new ConcurrentHashMap<>();
    private volatile @Nullable ScheduledExecutorService scheduler;

    DeviceHealth(JdbcTemplate jdbc, PlatformTransactionManager transactions, Outbox outbox, HealthSettings settings, Clock clock,
            DeviceDirectory directory) {
        this.directory = directory;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A message of this device was accepted: called from ingest, for every message, so only memory is touched.
     *
     * @param batteryLevel the battery charge the message reported, if it did
     */
    public void heard(String communityId, String deviceId, DeviceType type, Instant observedAt, Instant receivedAt,
            @Nullable BigDecimal batteryLevel) {
        heard.merge(communityId + "/" + deviceId, new Heard(communityId, deviceId, type, receivedAt, receivedAt, observedAt,
                batteryLevel == null ? null : new Battery(batteryLevel, observedAt)), Heard::latest);
    }

    /** A battery level as a device reported it, at the time of its message. */
    record Battery(BigDecimal level, Instant observedAt) {

        static @Nullable Battery latest(@Nullable Battery one, @Nullable Battery other) {
            return one == null ? other : other == null || !other.observedAt.isAfter(one.observedAt) ? one : other;
        }
    }

    /** Writes what was heard since the last flush; returns how many devices came back online. */
    int flush() {
        List<Heard> batch = new ArrayList<>();
        for (String key : heard.keySet()) {
            Heard one = heard.remove(key);
            if (one != null) {
                batch.add(one);
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            Instant now = clock.instant();
            List<DeviceStatusChanged> online = transactions.execute(status -> {
                Set<String> wereOffline = new HashSet<>(jdbc.query(connection -> SqlArrays.statement(connection, OFFLINE_AMONG,
                        SqlArrays.of("text", batch, Heard::communityId), SqlArrays.of("text", batch, Heard::deviceId)),
                        (rs, n) -> rs.getString(1) + "/" + rs.getString(2)));
                List<DeviceStatusChanged> changes = new ArrayList<>();
                jdbc.query(connection -> {
                    var statement = connection.prepareStatement(WRITE);
                    statement.setTimestamp(1, Timestamp.from(now));
                    statement.setArray(2, connection.createArrayOf("text", batch.stream().map(Heard::communityId).toArray()));
                    statement.setArray(3, connection.createArrayOf("text", batch.stream().map(Heard::deviceId).toArray()));
                    statement.setArray(4, connection.createArrayOf("text", batch.stream().map(h -> h.type().slug()).toArray()));
                    statement.setArray(5, connection.createArrayOf("timestamptz",
                            batch.stream().map(h -> Timestamp.from(h.lastSeenAt())).toArray()));
                    statement.setArray(6, connection.createArrayOf("timestamptz",
                            batch.stream().map(h -> Timestamp.from(h.lastObservedAt())).toArray()));
                    statement.setArray(7, connection.createArrayOf("numeric",
                            batch.stream().map(h -> h.battery() == null ? null : h.battery().level()).toArray()));
                    statement.setArray(8, connection.createArrayOf("timestamptz",
                            batch.stream().map(h -> h.battery() == null ? null : Timestamp.from(h.battery().observedAt())).toArray()));
                    return statement;
                }, rs -> {
                    if (wereOffline.contains(rs.getString(1) + "/" + rs.getString(2))) {
                        changes.add(change(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                                Connectivity.ONLINE, now));
                    }
                });
                jdbc.update(connection -> SqlArrays.statement(connection, HOURS,
                        SqlArrays.of("text", batch.stream().flatMap(h -> Stream.of(h.communityId(), h.communityId())).toArray()),
                        SqlArrays.of("text", batch.stream().flatMap(h -> Stream.of(h.deviceId(), h.deviceId())).toArray()),
                        SqlArrays.of("timestamptz", batch.stream().flatMap(h -> Stream.of(
                                Timestamp.from(h.firstSeenAt()), Timestamp.from(h.lastSeenAt()))).toArray())));
                publish(changes);
                return changes;
            });
            return online == null ? 0 : online.size();
        }
        catch (RuntimeException e) {
            batch.forEach(one -> heard.merge(one.communityId() + "/" + one.deviceId(), one, Heard::latest));
            throw e;
        }
    }

    /** Marks offline the active devices silent past their type's limit, if no other instance is doing it. */
    int check() {
        Instant now = clock.instant();
        Integer marked = transactions.execute(status -> {
            Boolean mine = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext('sensing.device-health'))", Boolean.class);
            if (!Boolean.TRUE.equals(mine)) {
                return 0;
            }
            List<DeviceStatusChanged> changes = new ArrayList<>();
            for (DeviceType type : DeviceType.values()) {
                changes.addAll(jdbc.query(MARK_OFFLINE,
                        (rs, n) -> change(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                                Connectivity.OFFLINE, now),
                        Timestamp.from(now), type.slug(), Timestamp.from(now.minus(settings.offlineAfter(type)))));
            }
            publish(changes);
            return changes.size();
        });
        return marked == null ? 0 : marked;
    }

    private DeviceStatusChanged change(String communityId, String deviceId, String deviceType, Instant lastSeenAt,
            Connectivity connectivity, Instant now) {
        return new DeviceStatusChanged(DeviceStatusChanged.eventIdOf(communityId, deviceId, connectivity, now),
                DeviceStatusChanged.SCHEMA_VERSION, communityId, now, deviceId, deviceType, connectivity,
                lastSeenAt.isAfter(now) ? now : lastSeenAt,
                directory.find(communityId, deviceId).map(KnownDevice::buildingId).orElse(null));
    }

    private void publish(List<DeviceStatusChanged> changes) {
        outbox.publishAll(changes.stream()
                .map(c -> new Outbox.Message(RegistryTopics.DEVICE_STATUS, RegistryTopics.deviceKey(c.communityId(), c.deviceId()), c))
                .toList());
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "device-health");
            thread.setDaemon(true);
            return thread;
        });
        long flush = settings.flushInterval().toMillis();
        long check = settings.checkInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> quietly("write when devices were last heard", this::flush), flush, flush, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> quietly("look for silent devices", this::check), check, check, TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    private static void quietly(String what, IntSupplier task) {
        try {
            task.getAsInt();
        }
        catch (RuntimeException e) {
            log.warn("Device health: could not {} ({}); trying again at the next interval", what, e.getMessage());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = scheduler;
        if (executor != null) {
            executor.shutdownNow();
            scheduler = null;
            quietly("write when devices were last heard", this::flush);
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
