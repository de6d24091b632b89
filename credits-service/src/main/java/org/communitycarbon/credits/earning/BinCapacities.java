package org.communitycarbon.credits.earning;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.registry.DeviceChanged;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each waste bin's capacity as the registry has it ({@code sensing.devices}), newest revision per community and bin: a
 * record redelivered, or older than one already kept, changes nothing. {@link BinDeposits} reads it with each drop, and a
 * drop heavier than its bin's registered capacity is flagged ({@link Earnings}); a bin without one falls back to its kind's.
 */
@Service
class BinCapacities {

    private final JdbcTemplate jdbc;

    BinCapacities(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void record(List<DeviceChanged> bins) {
        // one row per bin in the statement (the driver sends a batch as one multi-row insert, which may not touch a row twice)
        Map<String, DeviceChanged> newest = new LinkedHashMap<>();
        for (DeviceChanged bin : bins) {
            newest.merge(bin.communityId() + "/" + bin.deviceId(), bin, (a, b) -> b.revision() > a.revision() ? b : a);
        }
        if (newest.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO bin_capacity (community_id, device_id, capacity_kg, revision, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (community_id, device_id) DO UPDATE SET capacity_kg = EXCLUDED.capacity_kg, revision = EXCLUDED.revision,
                    updated_at = EXCLUDED.updated_at
                WHERE bin_capacity.revision < EXCLUDED.revision""",
                newest.values().stream().map(b -> new Object[] {b.communityId(), b.deviceId(), b.capacityKg(), b.revision(),
                        Timestamp.from(b.occurredAt())}).toList());
    }
}
