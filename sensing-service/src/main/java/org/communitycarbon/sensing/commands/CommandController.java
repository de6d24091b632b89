package org.communitycarbon.sensing.commands;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.Require;
import org.communitycarbon.model.device.CommandType;
import org.communitycarbon.model.device.SchedulePeriod;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.sensing.registry.RegistryAccess;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.NotFoundException;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Policies per energy subsystem and the commands that carry them, over REST. A community's property manager (or an
 * admin) sets a policy; its property team, its street office and admins read policies and commands. Who set each
 * policy is kept with it and with every command it issued, and the request itself is in the audit trail.
 */
@RestController
@RequestMapping("/api/sensing/communities/{communityId}")
@Validated
class CommandController {

    /** The daily schedule of a policy: lighting periods with a dimming level, or off-peak run windows. */
    record PolicyRequest(@Nullable List<SchedulePeriod> periods) {
    }

    /**
     * A subsystem's policy.
     *
     * @param version raised by each change
     * @param setBy the subject of the token that set it
     * @param commandsIssued how many commands setting it issued (to the subsystem's active controllers); only in the answer
     *        to setting it, 0 when it repeated the current policy
     */
    record PolicyView(String subsystemId, CommandType type, List<SchedulePeriod> periods, int version, String setBy, Instant setAt,
            @Nullable Integer commandsIssued) {

        static PolicyView of(Policy policy, @Nullable Integer commandsIssued) {
            return new PolicyView(policy.subsystemId(), policy.type(), policy.periods(), policy.version(), policy.setBy(),
                    policy.setAt(), commandsIssued);
        }
    }

    private final SubsystemPolicies policies;
    private final CommandStore store;

    CommandController(SubsystemPolicies policies, CommandStore store) {
        this.policies = policies;
        this.store = store;
    }

    @Operation(summary = "Sets an energy subsystem's policy — a lighting schedule for LIGHTING, an off-peak schedule for WATER_PUMP "
            + "and EV_CHARGING — and sends it to the subsystem's controllers (its property manager or an admin)")
    @PutMapping("/subsystems/{id}/policy")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    PolicyView setPolicy(Caller caller, @PathVariable String communityId, @PathVariable String id, @RequestBody PolicyRequest body) {
        RegistryAccess.requireWrite(caller, communityId);
        SubsystemPolicies.Outcome outcome = policies.set(communityId, id, body.periods(), caller.subject());
        return PolicyView.of(outcome.policy(), outcome.commandsIssued());
    }

    @Operation(summary = "An energy subsystem's current policy (its property team, street office, admins)")
    @GetMapping("/subsystems/{id}/policy")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE}, community = "communityId")
    PolicyView policy(Caller caller, @PathVariable String communityId, @PathVariable String id) {
        caller.requireOversight(communityId);
        return policies.current(communityId, id).map(policy -> PolicyView.of(policy, null))
                .orElseThrow(() -> new NotFoundException("No policy for subsystem " + id + " of community " + communityId));
    }

    @Operation(summary = "The community's commands to devices, newest first, with their status; by device, subsystem or status "
            + "(its property team, street office, admins)")
    @GetMapping("/commands")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE}, community = "communityId")
    @Transactional(readOnly = true)
    PageView<DeviceCommand> commands(Caller caller, @PathVariable String communityId, @RequestParam(required = false) @Nullable String deviceId,
            @RequestParam(required = false) @Nullable String subsystemId, @RequestParam(required = false) @Nullable CommandStatus status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page, @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        caller.requireOversight(communityId);
        Require.optionalIdentifier(deviceId, "deviceId");
        Require.optionalIdentifier(subsystemId, "subsystemId");
        long total = store.count(communityId, deviceId, subsystemId, status);
        return new PageView<>(store.commands(communityId, deviceId, subsystemId, status, size, (long) page * size), page, size, total,
                (int) ((total + size - 1) / size));
    }

    @Operation(summary = "One command to a device, with its status (its community's property team, street office, admins)")
    @GetMapping("/commands/{commandId}")
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER, Role.STAFF, Role.STREET_OFFICE}, community = "communityId")
    @Transactional(readOnly = true)
    DeviceCommand command(Caller caller, @PathVariable String communityId, @PathVariable UUID commandId) {
        caller.requireOversight(communityId);
        return store.command(commandId).filter(command -> command.communityId().equals(communityId))
                .orElseThrow(() -> new NotFoundException("No command " + commandId + " in community " + communityId));
    }
}
