package org.communitycarbon.ops.workorder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.registry.Connectivity;
import org.communitycarbon.model.registry.DeviceChanged;
import org.communitycarbon.model.registry.DeviceStatusChanged;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work orders for silent devices. Keeps the latest connectivity of every device from the sensing service's
 * statuses ({@code device_connectivity}); every {@link DeviceOfflineSettings#checkInterval()} one instance (an
 * advisory lock) applies the rules:
 * <ol>
 * <li>an active order whose device is online again, or whose building is no longer mostly offline, is resolved by
 * the platform;</li>
 * <li>a building with at least {@code buildingMinimumDevices} known devices, of which at least {@code buildingShare}
 * have been offline for {@code after} or longer, gets one order ({@code BUILDING_DEVICES_OFFLINE});</li>
 * <li>any other device offline for {@code after} or longer gets its own ({@code DEVICE_OFFLINE}) — not while its
 * building has an active order.</li>
 * </ol>
 * An order's id derives from the offline status that opened it (for a building, from the building and the earliest
 * silence), so a check repeated, run by two instances or after a replay opens nothing twice, and an order the
 * property team resolved is not reopened for the same silence.
 */
@Service
public class DeviceConnectivity implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeviceConnectivity.class);

    static final String PLATFORM = "platform";

    private static final String UPSERT = """
            INSERT INTO device_connectivity (community_id, device_id, device_type, building_id, online, last_seen_at, changed_at,
                                             status_event_id)
            SELECT s.community_id, s.device_id, s.device_type, s.building_id, s.online, s.last_seen_at, s.changed_at, s.status_event_id
            FROM (VALUES (?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?::uuid))
                 AS s(community_id, device_id, device_type, building_id, online, last_seen_at, changed_at, status_event_id)
            WHERE NOT EXISTS (SELECT 1 FROM retired_device r WHERE r.community_id = s.community_id AND r.device_id = s.device_id)
            ON CONFLICT (community_id, device_id) DO UPDATE
                SET device_type = excluded.device_type, building_id = excluded.building_id, online = excluded.online,
                    last_seen_at = excluded.last_seen_at, changed_at = excluded.changed_at, status_event_id = excluded.status_event_id
                WHERE device_connectivity.changed_at < excluded.changed_at""";


    /** Buildings with enough known devices, how many are offline since the cut-off, and the earliest of those silences. */
    private static final String BUILDINGS = """
            SELECT community_id, building_id, count(*) AS devices,
                   count(*) FILTER (WHERE NOT online AND changed_at <= ?) AS silent,
                   min(changed_at) FILTER (WHERE NOT online AND changed_at <= ?) AS since
            FROM device_connectivity
            WHERE building_id IS NOT NULL
            GROUP BY community_id, building_id
            HAVING count(*) >= ? AND count(*) FILTER (WHERE NOT online AND changed_at <= ?) >= ? * count(*)""";

    private static final String SILENT_DEVICES = """
            SELECT c.community_id, c.device_id, c.device_type, c.changed_at, c.last_seen_at, c.status_event_id
            FROM device_connectivity c
            WHERE NOT c.online AND c.changed_at <= ?
              AND NOT EXISTS (SELECT 1 FROM work_order w WHERE w.source_event_id = c.status_event_id)
              AND NOT EXISTS (SELECT 1 FROM work_order w WHERE w.community_id = c.community_id AND w.type = 'DEVICE_OFFLINE'
                              AND w.source_id = c.device_id AND w.status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS'))
              AND (c.building_id IS NULL OR NOT EXISTS (
                      SELECT 1 FROM work_order w WHERE w.community_id = c.community_id AND w.type = 'BUILDING_DEVICES_OFFLINE'
                      AND w.source_id = c.building_id AND w.status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS')))
            ORDER BY c.changed_at
            LIMIT 5000""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final WorkOrders workOrders;
    private final WorkOrderLifecycle lifecycle;
    private final DeviceOfflineSettings settings;
    private final Clock clock;
    private volatile @Nullable ScheduledExecutorService scheduler;

    DeviceConnectivity(JdbcTemplate jdbc, PlatformTransactionManager transactions, WorkOrders workOrders,
            WorkOrderLifecycle lifecycle, DeviceOfflineSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.workOrders = workOrders;
        this.lifecycle = lifecycle;
        this.settings = settings;
        this.clock = clock;
    }

    /** Applies device statuses; a status older than the one already applied changes nothing. */
    @Transactional
    public void record(List<DeviceStatusChanged> statuses) {
        jdbc.batchUpdate(UPSERT, statuses, statuses.size(), (statement, status) -> {
            statement.setString(1, status.communityId());
            statement.setString(2, status.deviceId());
            statement.setString(3, status.deviceType());
            statement.setString(4, status.buildingId());
            statement.setBoolean(5, status.connectivity() == Connectivity.ONLINE);
            statement.setString(6, status.lastSeenAt().toString());
            statement.setString(7, status.occurredAt().toString());
            statement.setString(8, status.eventId().toString());
        });
    }

    /** Forgets retired devices for good and resolves their orders. */
    @Transactional
    public void retire(List<DeviceChanged> retired) {
        if (retired.isEmpty()) {
            return;
        }
        Instant now = now();
        for (DeviceChanged device : retired) {
            jdbc.update("INSERT INTO retired_device (community_id, device_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    device.communityId(), device.deviceId());
            jdbc.update("DELETE FROM device_connectivity WHERE community_id = ? AND device_id = ?", device.communityId(),
                    device.deviceId());
            lifecycle.resolveByThePlatform("""
                    SELECT w.id, ?::text FROM work_order w
                    WHERE w.type = 'DEVICE_OFFLINE' AND w.community_id = ? AND w.source_id = ?""", now,
                    "Resolved by the platform: the device was retired", device.communityId(), device.deviceId());
        }
    }

    /** Applies the rules once, unless another instance is doing it; returns the orders opened. */
    public int check() {
        Integer opened = transactions.execute(status -> {
            Boolean mine = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext('ops.device-offline'))", Boolean.class);
            return Boolean.TRUE.equals(mine) ? applyRules(now()) : 0;
        });
        return opened == null ? 0 : opened;
    }

    private int applyRules(Instant now) {
        Timestamp at = Timestamp.from(now);
        Timestamp cutOff = Timestamp.from(now.minus(settings.after()));
        lifecycle.resolveByThePlatform("""
                SELECT w.id, ?::text FROM work_order w
                JOIN device_connectivity c ON c.community_id = w.community_id AND c.device_id = w.source_id
                WHERE w.type = 'DEVICE_OFFLINE' AND w.status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS') AND c.online""", now,
                "Resolved by the platform: the device is online again");
        lifecycle.resolveByThePlatform("""
                SELECT w.id, ?::text FROM work_order w
                WHERE w.type = 'BUILDING_DEVICES_OFFLINE' AND w.status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS')
                  AND NOT EXISTS (SELECT 1 FROM (%s) b WHERE b.community_id = w.community_id AND b.building_id = w.source_id)"""
                .formatted(BUILDINGS), now, "Resolved by the platform: most of the building's devices are online again",
                at, at, settings.buildingMinimumDevices(), at, settings.buildingShare());

        List<NewWorkOrder> candidates = new ArrayList<>();
        jdbc.query(BUILDINGS, rs -> {
            String community = rs.getString("community_id");
            String building = rs.getString("building_id");
            long devices = rs.getLong("devices");
            long silent = rs.getLong("silent");
            Instant since = rs.getTimestamp("since").toInstant();
            UUID source = EventIds.of(community, "building-offline", building, since.toString());
            BigDecimal share = BigDecimal.valueOf(silent).divide(BigDecimal.valueOf(devices), 3, RoundingMode.HALF_UP);
            candidates.add(new NewWorkOrder(NewWorkOrder.idFor(source), community, WorkOrderType.BUILDING_DEVICES_OFFLINE,
                    building, source, silent + " of " + devices + " devices of building " + building + " offline since "
                            + since.truncatedTo(ChronoUnit.MINUTES),
                    Quantity.of(share, Unit.RATIO), Quantity.of(settings.buildingShare(), Unit.RATIO),
                    NewWorkOrder.propertyTeamOf(community), now, now.plus(settings.resolveWithin())));
        }, cutOff, cutOff, settings.buildingMinimumDevices(), cutOff, settings.buildingShare());
        int opened = workOrders.open(candidates).size();

        List<NewWorkOrder> devices = new ArrayList<>();
        jdbc.query(SILENT_DEVICES, rs -> {
            String community = rs.getString("community_id");
            String device = rs.getString("device_id");
            Instant offlineSince = rs.getTimestamp("changed_at").toInstant();
            Instant lastSeen = rs.getTimestamp("last_seen_at").toInstant();
            UUID source = rs.getObject("status_event_id", UUID.class);
            long minutes = Duration.between(offlineSince, now).toMinutes();
            devices.add(new NewWorkOrder(NewWorkOrder.idFor(source), community, WorkOrderType.DEVICE_OFFLINE, device, source,
                    "Device " + device + " (" + rs.getString("device_type") + ") silent since " + lastSeen.truncatedTo(ChronoUnit.MINUTES),
                    Quantity.of(BigDecimal.valueOf(minutes), Unit.MINUTE), Quantity.of(BigDecimal.valueOf(settings.after().toMinutes()), Unit.MINUTE),
                    NewWorkOrder.propertyTeamOf(community), now, now.plus(settings.resolveWithin())));
        }, cutOff);
        return opened + workOrders.open(devices).size();
    }

    /** Microseconds, as PostgreSQL stores them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "device-offline");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.checkInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                check();
            }
            catch (RuntimeException e) {
                log.warn("Silent devices: could not apply the rules ({}); trying again at the next interval", e.getMessage());
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = scheduler;
        if (executor != null) {
            executor.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
