package org.communitycarbon.ops.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.communitycarbon.model.Require;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * A community's environment for the people who oversee it (its property manager and staff, its street office, an
 * admin): the latest values per area, an area's hourly history, and the thresholds, which its property manager sets.
 */
@RestController
@RequestMapping("/api/ops/communities/{communityId}/environment")
class EnvironmentController {

    static final Duration MAX_PERIOD = Duration.ofDays(31);

    private final EnvironmentHistory history;
    private final Thresholds thresholds;
    private final Clock clock;

    EnvironmentController(EnvironmentHistory history, Thresholds thresholds, Clock clock) {
        this.history = history;
        this.thresholds = thresholds;
        this.clock = clock;
    }

    @GetMapping("/latest")
    @Operation(summary = "The latest value of each environment measure per area of a community, with the sensor and "
            + "observation time (property manager, staff, street office of the community; admins)")
    List<EnvironmentHistory.AreaLatest> latest(Caller caller, @PathVariable String communityId) {
        caller.requireOversight(communityId);
        return history.latest(communityId);
    }

    @GetMapping("/areas/{areaId}/hourly")
    @Operation(summary = "An area's hourly environment rollups: samples, minimum, average and maximum of each measure per "
            + "hour (property manager, staff, street office of the community; admins)")
    List<EnvironmentHistory.Hour> hourly(Caller caller, @PathVariable String communityId, @PathVariable String areaId,
            @Parameter(description = "hours starting at or after this instant (ISO-8601); 24 hours before `to` by default")
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @Parameter(description = "hours starting before this instant; now by default; at most 31 days after `from`")
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        caller.requireOversight(communityId);
        Require.identifier(areaId, "areaId");
        Instant end = to == null ? clock.instant().truncatedTo(ChronoUnit.MICROS) : to;
        Instant start = from == null ? end.minus(Duration.ofHours(24)) : from;
        Periods.checkInstants(start, end, MAX_PERIOD);
        return history.hourly(communityId, areaId, start, end);
    }

    @GetMapping("/thresholds")
    @Operation(summary = "The environment thresholds in force for a community: day and night limits, hysteresis, minimum "
            + "duration, critical margin and work-order severity of PM2.5, CO2 and noise, and whether they are the "
            + "platform's defaults or the community's own")
    List<Thresholds.ThresholdView> thresholds(Caller caller, @PathVariable String communityId) {
        caller.requireOversight(communityId);
        return thresholds.view(communityId);
    }

    @PutMapping("/thresholds/{measure}")
    @Operation(summary = "Set the community's own thresholds of one measure (PM25, CO2, NOISE_LEVEL), replacing the "
            + "defaults from the next observation on (property manager, admins)")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    Thresholds.ThresholdView setThreshold(Caller caller, @PathVariable String communityId, @PathVariable String measure,
            @RequestBody Thresholds.ThresholdRequest request) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.ADMIN);
        caller.requireOversight(communityId);
        return thresholds.set(caller, communityId, measure, request);
    }
}
