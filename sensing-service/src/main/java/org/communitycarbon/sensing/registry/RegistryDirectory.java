package org.communitycarbon.sensing.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.communitycarbon.model.registry.DeviceStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link DeviceDirectory}: active devices and households in concurrent maps, answered without touching
 * the database.
 * <p>
 * It loads everything when it starts (before the MQTT subscriber, which starts later) and then, on its own
 * thread, every {@code sensing.registry.refresh-interval} and right after this instance commits a registry
 * change, reloads what has a registry revision above the highest it has seen: changed devices, and devices
 * whose place changed (a household moving building). A reload reads in one repeatable-read snapshot, and
 * registry writers are serialised ({@link RegistryStore#lock()}), so no change committed with a lower revision
 * can appear after it. When the database cannot be reached, the directory keeps answering from what it has
 * and tries again at the next interval. Nothing is ever deleted from the registry: a retired device is removed
 * from the directory when its retirement is read.
 */
@Component
class RegistryDirectory implements DeviceDirectory, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RegistryDirectory.class);

    private static final String MAX_REVISION = """
            SELECT greatest(
                (SELECT max(revision) FROM community), (SELECT max(revision) FROM building),
                (SELECT max(revision) FROM household), (SELECT max(revision) FROM common_area),
                (SELECT max(revision) FROM energy_subsystem), (SELECT max(revision) FROM drop_point),
                (SELECT max(revision) FROM device))""";

    /** Devices changed above a revision, and devices whose place changed above it, with their place's building. */
    private static final String CHANGED_DEVICES = """
            WITH changed AS (
                SELECT community_id, id FROM device WHERE revision > ?
                UNION SELECT d.community_id, d.id FROM household p
                    JOIN device d ON d.community_id = p.community_id AND d.household_id = p.id WHERE p.revision > ?
                UNION SELECT d.community_id, d.id FROM common_area p
                    JOIN device d ON d.community_id = p.community_id AND d.area_id = p.id WHERE p.revision > ?
                UNION SELECT d.community_id, d.id FROM energy_subsystem p
                    JOIN device d ON d.community_id = p.community_id AND d.subsystem_id = p.id WHERE p.revision > ?
                UNION SELECT d.community_id, d.id FROM drop_point p
                    JOIN device d ON d.community_id = p.community_id AND d.drop_point_id = p.id WHERE p.revision > ?)
            SELECT d.community_id, d.id, d.type, d.status, d.household_id, d.area_id, d.subsystem_id, d.drop_point_id,
                coalesce(h.building_id, a.building_id, s.building_id, p.building_id) AS building_id
            FROM changed c
            JOIN device d ON d.community_id = c.community_id AND d.id = c.id
            LEFT JOIN household h ON h.community_id = d.community_id AND h.id = d.household_id
            LEFT JOIN common_area a ON a.community_id = d.community_id AND a.id = d.area_id
            LEFT JOIN energy_subsystem s ON s.community_id = d.community_id AND s.id = d.subsystem_id
            LEFT JOIN drop_point p ON p.community_id = d.community_id AND p.id = d.drop_point_id""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final RegistrySettings settings;

    /** community → device → active device. */
    private final Map<String, Map<String, KnownDevice>> devices = new ConcurrentHashMap<>();
    /** community → households. */
    private final Map<String, Set<String>> households = new ConcurrentHashMap<>();

    private volatile long revision;
    private volatile boolean running;
    private @Nullable ScheduledExecutorService refresher;

    RegistryDirectory(JdbcTemplate jdbc, PlatformTransactionManager transactions, RegistrySettings settings) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.settings = settings;
    }

    @Override
    public Optional<KnownDevice> find(String communityId, String deviceId) {
        Map<String, KnownDevice> ofCommunity = devices.get(communityId);
        return ofCommunity == null ? Optional.empty() : Optional.ofNullable(ofCommunity.get(deviceId));
    }

    @Override
    public boolean householdExists(String communityId, String householdId) {
        Set<String> ofCommunity = households.get(communityId);
        return ofCommunity != null && ofCommunity.contains(householdId);
    }

    /** The highest registry revision loaded. */
    long revision() {
        return revision;
    }

    /**
     * Reloads now, on the caller's thread: the instance that changed the registry knows the change before it
     * answers, so a device registered one moment is heard the next. A failure leaves the periodic reload to catch up.
     */
    void refreshNow() {
        refreshQuietly();
    }

    /** Reads what changed since the last reload; returns the number of devices and households read. */
    synchronized int refresh() {
        Integer read = snapshot.execute(status -> {
            Long latest = jdbc.queryForObject(MAX_REVISION, Long.class);
            if (latest == null || latest <= revision) {
                return 0;
            }
            long since = revision;
            int count = 0;
            for (var household : jdbc.queryForList("SELECT community_id, id FROM household WHERE revision > ?", since)) {
                households.computeIfAbsent((String) household.get("community_id"), c -> ConcurrentHashMap.newKeySet())
                        .add((String) household.get("id"));
                count++;
            }
            List<Object[]> rows = jdbc.query(CHANGED_DEVICES, (rs, n) -> new Object[] {rs.getString("community_id"),
                    rs.getString("id"), rs.getString("type"), rs.getString("status"), rs.getString("household_id"),
                    rs.getString("area_id"), rs.getString("subsystem_id"), rs.getString("drop_point_id"),
                    rs.getString("building_id")}, since, since, since, since, since);
            for (Object[] row : rows) {
                apply(row);
            }
            revision = latest;
            return count + rows.size();
        });
        return read == null ? 0 : read;
    }

    private void apply(Object[] row) {
        String communityId = (String) row[0];
        String deviceId = (String) row[1];
        if (!DeviceStatus.ACTIVE.name().equals(row[3])) {
            Map<String, KnownDevice> ofCommunity = devices.get(communityId);
            if (ofCommunity != null) {
                ofCommunity.remove(deviceId);
            }
            return;
        }
        Binding binding = row[4] != null ? Binding.HOUSEHOLD : row[5] != null ? Binding.COMMON_AREA
                : row[6] != null ? Binding.ENERGY_SUBSYSTEM : Binding.DROP_POINT;
        String boundId = (String) row[4 + binding.ordinal()];
        devices.computeIfAbsent(communityId, c -> new ConcurrentHashMap<>()).put(deviceId, new KnownDevice(communityId, deviceId,
                (String) row[2], binding, boundId, binding == Binding.HOUSEHOLD ? boundId : null, (String) row[8]));
    }

    private void refreshQuietly() {
        if (!running) {
            return;
        }
        try {
            refresh();
        }
        catch (RuntimeException e) {
            log.warn("Device directory not reloaded, still answering from revision {}: {}", revision, e.getMessage());
        }
    }

    /** Loads everything, so the directory is complete before ingest starts; fails the start when it cannot. */
    @Override
    public void start() {
        int loaded = refresh();
        log.info("Device directory loaded {} devices and households up to registry revision {}", loaded, revision);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "device-directory");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.refreshInterval().toMillis();
        executor.scheduleWithFixedDelay(this::refreshQuietly, interval, interval, TimeUnit.MILLISECONDS);
        refresher = executor;
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService executor = refresher;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the MQTT subscriber and Kafka listeners (default phase), after the connection pool. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
