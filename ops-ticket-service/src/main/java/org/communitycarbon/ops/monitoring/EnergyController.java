package org.communitycarbon.ops.monitoring;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.HttpStatus;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * A community's common-area energy for the people who oversee it (its property manager and staff, its street office, an
 * admin): consumption by subsystem and building, PV, cost under its time-of-use tariffs; the tariffs and the daylight
 * window of the lighting rule, which its property manager sets.
 */
@RestController
@RequestMapping("/api/ops/communities/{communityId}/energy")
class EnergyController {

    static final int MAX_DAYS = 92;

    private final EnergyReports reports;
    private final Tariffs tariffs;
    private final Daylight daylight;
    private final Registry registry;
    private final Clock clock;

    EnergyController(EnergyReports reports, Tariffs tariffs, Daylight daylight, Registry registry, Clock clock) {
        this.reports = reports;
        this.tariffs = tariffs;
        this.daylight = daylight;
        this.registry = registry;
        this.clock = clock;
    }

    @GetMapping("/consumption")
    @Operation(summary = "Common-area electricity over local days: total, by subsystem kind, by building and by subsystem, "
            + "with PV generation and self-consumption; buildings' master meters (the areas the registry marks as a building's "
            + "supply) apart, in buildingSupplies (property manager, staff, street office of the community; admins)")
    EnergyReports.ConsumptionReport consumption(Caller caller, @PathVariable String communityId,
            @Parameter(description = "the first local day (ISO-8601 date); today in the community's time zone by default")
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "the last local day, inclusive; `from` by default; at most 92 days in all")
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        caller.requireOversight(communityId);
        LocalDate first = from == null ? today(communityId) : from;
        LocalDate last = to == null ? first : to;
        Periods.checkDays(first, last, MAX_DAYS);
        return reports.consumption(communityId, first, last);
    }

    @GetMapping("/cost")
    @Operation(summary = "The cost of common-area grid electricity over local days by time-of-use period (peak, flat, "
            + "valley), in CNY; buildings' master meters left out (property manager, staff, street office of the community; admins)")
    EnergyReports.CostReport cost(Caller caller, @PathVariable String communityId,
            @Parameter(description = "the first local day (ISO-8601 date); today in the community's time zone by default")
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "the last local day, inclusive; `from` by default; at most 92 days in all")
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        caller.requireOversight(communityId);
        LocalDate first = from == null ? today(communityId) : from;
        LocalDate last = to == null ? first : to;
        Periods.checkDays(first, last, MAX_DAYS);
        return reports.cost(communityId, first, last);
    }

    @GetMapping("/tariffs")
    @Operation(summary = "A community's time-of-use tariff versions, oldest first")
    List<Tariffs.TariffView> tariffs(Caller caller, @PathVariable String communityId) {
        caller.requireOversight(communityId);
        return tariffs.list(communityId);
    }

    @PostMapping("/tariffs")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a time-of-use tariff version from a local day on: hour ranges covering the day, each PEAK, "
            + "FLAT or VALLEY with a price in CNY per kWh. Versions are never changed; a property manager adds them from "
            + "tomorrow on, an admin also for earlier days without one (409 for a day that has one)")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    Tariffs.TariffView addTariff(Caller caller, @PathVariable String communityId, @RequestBody Tariffs.TariffRequest request) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.ADMIN);
        caller.requireOversight(communityId);
        return tariffs.add(caller, communityId, request);
    }

    @GetMapping("/daylight")
    @Operation(summary = "The community's daylight window, in which public lighting drawing power raises an alert")
    Daylight.Window daylight(Caller caller, @PathVariable String communityId) {
        caller.requireOversight(communityId);
        return daylight.of(communityId);
    }

    @PutMapping("/daylight")
    @Operation(summary = "Set the community's daylight window, local HH:mm to HH:mm (property manager, admins)")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    Daylight.Window setDaylight(Caller caller, @PathVariable String communityId, @RequestBody Daylight.WindowRequest request) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.ADMIN);
        caller.requireOversight(communityId);
        return daylight.set(caller, communityId, request);
    }

    private LocalDate today(String communityId) {
        return LocalDate.now(clock.withZone(registry.zone(communityId)));
    }
}
