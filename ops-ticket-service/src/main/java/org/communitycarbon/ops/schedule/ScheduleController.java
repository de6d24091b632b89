package org.communitycarbon.ops.schedule;

import java.time.LocalDate;
import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * A community's off-peak windows and planned tasks: its property manager, staff and street office read them (an admin
 * too); its property manager and staff plan tasks and ask for the windows to be computed again; its property manager
 * sets the working hours; its property manager and staff cancel a task that has not begun. Residents see none of it.
 */
@RestController
@RequestMapping("/api/ops/communities/{communityId}")
class ScheduleController {

    private final OffPeakSchedule schedule;

    ScheduleController(OffPeakSchedule schedule) {
        this.schedule = schedule;
    }

    @GetMapping("/offpeak-windows")
    @Operation(summary = "The community's off-peak window of each day of the week, with the figures that chose it (deposits "
            + "and common-area electricity in its hours over the trailing days, the day's deposits and busiest hour) and the "
            + "hourly profile of the week (property manager, staff, street office of the community; admins)")
    OffPeakSchedule.OffPeakView windows(Caller caller, @PathVariable String communityId) {
        caller.requireOversight(communityId);
        return schedule.windows(communityId);
    }

    @PostMapping("/offpeak-windows/recompute")
    @Operation(summary = "Compute the off-peak windows again now from the trailing days (the service also does so hourly); "
            + "when a window moved, tasks that have not begun are placed again (property manager, staff; admins)")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN}, community = "communityId")
    OffPeakSchedule.OffPeakView recompute(Caller caller, @PathVariable String communityId) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN);
        caller.requireOversight(communityId);
        return schedule.recompute(communityId);
    }

    @PutMapping("/offpeak-windows/working-hours")
    @Operation(summary = "Set the staff's working hours the windows are chosen in, local whole hours HH:00 to HH:00 "
            + "(24:00 for midnight), at least a window long; the windows are computed again (property manager; admins)")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    OffPeakSchedule.OffPeakView setWorkingHours(Caller caller, @PathVariable String communityId,
            @RequestBody OffPeakSchedule.WorkingHoursRequest request) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.ADMIN);
        caller.requireOversight(communityId);
        return schedule.setWorkingHours(caller, communityId, request);
    }

    @PostMapping("/planned-tasks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Plan a task (BIN_CLEARING or MAINTENANCE, a title, 15 minutes up to the window's length, an "
            + "optional drop point or area, optional local days notBefore and by), or a recurring one (repeatEveryDays 1-14 "
            + "and occurrences 2-28, without by): each is placed into the earliest off-peak window with room for it and the "
            + "slots returned; 400 naming `by` when none has room by then, 409 when none has within the horizon or an "
            + "occurrence finds none in its days (property manager, staff; admins)")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN}, community = "communityId")
    OffPeakSchedule.PlannedTasks plan(Caller caller, @PathVariable String communityId,
            @RequestBody OffPeakSchedule.PlannedTaskRequest request) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN);
        caller.requireOversight(communityId);
        return schedule.plan(caller, communityId, request);
    }

    @DeleteMapping("/planned-tasks/{taskId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Cancel a planned task that has not begun; an occurrence of a recurring task cancels that "
            + "occurrence only. 404 for a task the community does not have, 409 once its slot has begun (property "
            + "manager, staff; admins)")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN}, community = "communityId")
    void cancel(Caller caller, @PathVariable String communityId, @PathVariable UUID taskId) {
        caller.requireAnyRole(Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN);
        caller.requireOversight(communityId);
        schedule.cancel(communityId, taskId);
    }

    @GetMapping("/schedule")
    @Operation(summary = "The planned tasks whose slot begins on the local days from..to, earliest first (property manager, "
            + "staff, street office of the community; admins)")
    OffPeakSchedule.ScheduleView schedule(Caller caller, @PathVariable String communityId,
            @Parameter(description = "the first local day (ISO-8601 date); today in the community's time zone by default")
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "the last local day, inclusive; six days after `from` by default; at most 92 days in all")
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        caller.requireOversight(communityId);
        return schedule.schedule(communityId, from, to);
    }
}
