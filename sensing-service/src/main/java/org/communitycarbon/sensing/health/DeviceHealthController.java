package org.communitycarbon.sensing.health;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A community's devices with when each was last heard and whether it is online, for its property team. */
@RestController
@RequestMapping("/api/sensing/communities/{communityId}/device-health")
@Transactional(readOnly = true)
@Validated
class DeviceHealthController {

    /** Where a device stands: heard within its limit, silent past it, or never heard since it was registered. */
    enum State {
        ONLINE, OFFLINE, NEVER_HEARD
    }

    /**
     * @param lastSeenAt when the platform last received a message of it
     * @param lastObservedAt the newest timestamp among its messages, by its own clock
     * @param since when it went online or offline
     * @param batteryLevel the battery charge it last reported (0 to 1), for battery-powered devices that report it
     * @param lowBattery the battery level is below {@code sensing.health.low-battery} (0.2)
     */
    record DeviceState(String deviceId, String deviceType, State state, @Nullable Instant lastSeenAt,
            @Nullable Instant lastObservedAt, @Nullable Instant since, @Nullable BigDecimal batteryLevel, boolean lowBattery) {
    }

    private static final String STATE = "CASE WHEN s.device_id IS NULL THEN 'NEVER_HEARD' WHEN s.online THEN 'ONLINE' ELSE 'OFFLINE' END";

    private final JdbcTemplate jdbc;
    private final HealthSettings settings;

    DeviceHealthController(JdbcTemplate jdbc, HealthSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Operation(summary = "The community's active devices with when each was last heard and their battery level, offline ones first "
            + "(property team); lowBattery=true lists those whose battery is low")
    @GetMapping
    PageView<DeviceState> devices(Caller caller, @PathVariable String communityId, @RequestParam(required = false) @Nullable State state,
            @RequestParam(defaultValue = "false") boolean lowBattery,
            @RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        caller.requirePropertyTeam(communityId);
        List<Object> arguments = new ArrayList<>(List.of(communityId));
        String filter = "";
        if (state != null) {
            filter += " AND " + STATE + " = ?";
            arguments.add(state.name());
        }
        if (lowBattery) {
            filter += " AND s.battery_level < ?";
            arguments.add(settings.lowBattery());
        }
        Object[] countArguments = arguments.toArray();
        String from = """
                FROM device d LEFT JOIN device_seen s ON s.community_id = d.community_id AND s.device_id = d.id
                WHERE d.community_id = ? AND d.status = 'ACTIVE'""" + filter;
        Long total = jdbc.queryForObject("SELECT count(*) " + from, Long.class, countArguments);
        List<DeviceState> items = jdbc.query("SELECT d.id, d.type, " + STATE + ", s.last_seen_at, s.last_observed_at, s.status_changed_at, "
                + "s.battery_level " + from + " ORDER BY " + STATE + " = 'ONLINE', s.last_seen_at NULLS FIRST, d.id LIMIT ? OFFSET ?",
                (rs, n) -> new DeviceState(rs.getString(1), rs.getString(2), State.valueOf(rs.getString(3)), instant(rs.getTimestamp(4)),
                        instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), rs.getBigDecimal(7),
                        rs.getBigDecimal(7) != null && rs.getBigDecimal(7).compareTo(settings.lowBattery()) < 0),
                append(countArguments, size, (long) page * size));
        long all = total == null ? 0 : total;
        return new PageView<>(items, page, size, all, (int) ((all + size - 1) / size));
    }

    /**
     * How many of the community's active devices stand where, for the dashboard's overview.
     *
     * @param devices the active devices
     * @param lowBattery those whose last reported battery level is below {@code sensing.health.low-battery}
     */
    record Summary(String communityId, long devices, long online, long offline, long neverHeard, long lowBattery) {
    }

    @Operation(summary = "How many of the community's active devices are online, offline, never heard and low on battery, in one "
            + "SQL statement (property team)")
    @GetMapping("/summary")
    @Transactional(propagation = Propagation.NOT_SUPPORTED) // one statement: no transaction, so no BEGIN either
    Summary summary(Caller caller, @PathVariable String communityId) {
        caller.requirePropertyTeam(communityId);
        return jdbc.queryForObject("SELECT count(*), count(*) FILTER (WHERE s.online), "
                + "count(*) FILTER (WHERE NOT s.online), count(*) FILTER (WHERE s.device_id IS NULL), "
                + "count(*) FILTER (WHERE s.battery_level < ?) "
                + "FROM device d LEFT JOIN device_seen s ON s.community_id = d.community_id AND s.device_id = d.id "
                + "WHERE d.community_id = ? AND d.status = 'ACTIVE'",
                (rs, n) -> new Summary(communityId, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                settings.lowBattery(), communityId);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Object[] append(Object[] arguments, Object... more) {
        Object[] all = new Object[arguments.length + more.length];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        System.arraycopy(more, 0, all, arguments.length, more.length);
        return all;
    }
}
