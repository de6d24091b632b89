package org.communitycarbon.sensing.commands;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.device.CommandType;
import org.communitycarbon.model.device.DeviceCommandMessage;
import org.communitycarbon.model.device.SchedulePeriod;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Policies per energy subsystem, and the commands that carry them to the subsystem's controllers. Setting a policy
 * writes it and one {@code PENDING} command per active controller of the subsystem in one transaction; the
 * {@link CommandRelay} publishes them after commit, so nothing is published for a policy that was not stored, and
 * nothing stored is left unpublished. Every {@code reconcile-interval} controllers that lack their subsystem's policy
 * — registered or replacing another since it was set, or back online after its command expired — get it too.
 */
@Service
class SubsystemPolicies {

    private static final Logger log = LoggerFactory.getLogger(SubsystemPolicies.class);
    private static final int RECONCILE_BATCH = 1_000;

    private final CommandStore store;
    private final CommandSettings settings;
    private final Clock clock;

    SubsystemPolicies(CommandStore store, CommandSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** A policy as set, and how many commands setting it issued (none when it repeated the current one). */
    record Outcome(Policy policy, int commandsIssued, boolean changed) {
    }

    /**
     * Sets the subsystem's policy; the command type follows from the subsystem's kind. Repeating the current policy
     * changes nothing and issues no command.
     *
     * @param setBy the subject of the caller's token
     */
    @Transactional
    Outcome set(String communityId, String subsystemId, @Nullable List<SchedulePeriod> periods, String setBy) {
        CommandStore.Subsystem subsystem = store.subsystem(communityId, subsystemId)
                .orElseThrow(() -> new NotFoundException("No energy subsystem " + subsystemId + " in community " + communityId));
        CommandType type = CommandType.forSubsystem(subsystem.kind())
                .orElseThrow(() -> new ContractViolation("subsystemId", "a " + subsystem.kind() + " subsystem takes no commands; "
                        + "policies are for LIGHTING (lighting schedules), WATER_PUMP and EV_CHARGING (off-peak schedules)"));
        List<SchedulePeriod> checked = SchedulePeriod.check(type, periods, "periods");
        store.lockSubsystem(communityId, subsystemId);
        Optional<Policy> current = store.currentPolicy(communityId, subsystemId);
        if (current.isPresent() && current.get().sameSchedule(type, checked)) {
            return new Outcome(current.get(), 0, false);
        }
        Instant now = now();
        Policy policy = new Policy(communityId, subsystemId, current.map(p -> p.version() + 1).orElse(1), type, checked, setBy, now);
        store.insertPolicy(policy);
        List<CommandStore.NewCommand> commands = new ArrayList<>();
        for (String deviceId : store.controllers(communityId, subsystemId, type.deviceType().slug())) {
            commands.add(command(policy, deviceId, type.deviceType().slug(), subsystem.timeZone(), CommandCause.POLICY_SET, now));
        }
        store.insert(commands);
        return new Outcome(policy, commands.size(), true);
    }

    @Transactional(readOnly = true)
    Optional<Policy> current(String communityId, String subsystemId) {
        return store.currentPolicy(communityId, subsystemId);
    }

    /** Gives the current policy to the controllers that lack it; one instance at a time. Returns how many commands it issued. */
    @Scheduled(fixedDelayString = "${sensing.commands.reconcile-interval:10s}", initialDelayString = "${sensing.commands.reconcile-interval:10s}")
    @Transactional
    public int reconcile() {
        if (!store.tryReconcilerLock()) {
            return 0;
        }
        Instant now = now();
        List<CommandStore.NewCommand> commands = new ArrayList<>();
        for (CommandStore.Candidate candidate : store.controllersLackingTheirPolicy(RECONCILE_BATCH)) {
            commands.add(command(candidate.policy(), candidate.deviceId(), candidate.deviceType(), candidate.timeZone(),
                    candidate.hadOne() ? CommandCause.DEVICE_BACK : CommandCause.DEVICE_ADDED, now));
        }
        store.insert(commands);
        if (!commands.isEmpty()) {
            log.info("Issued {} commands to controllers that lacked their subsystem's policy", commands.size());
        }
        return commands.size();
    }

    private CommandStore.NewCommand command(Policy policy, String deviceId, String deviceType, String timeZone, CommandCause cause,
            Instant now) {
        UUID id = UUID.randomUUID();
        Instant expiresAt = now.plus(settings.timeout());
        var message = new DeviceCommandMessage(id, policy.type(), now, expiresAt, timeZone, policy.periods());
        return new CommandStore.NewCommand(id, policy.communityId(), deviceId, deviceType, policy.subsystemId(), policy.version(),
                policy.type(), cause, policy.setBy(), now, expiresAt, CommandStore.JSON.writeValueAsString(message));
    }

    /** Milliseconds: what the command's JSON shows is exactly what the database keeps. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
