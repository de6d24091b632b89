package org.communitycarbon.model.device;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.registry.RegistryRules;
import org.jspecify.annotations.Nullable;

/**
 * A command the platform publishes to one controller on its command topic,
 * {@code cmd/{communityId}/{deviceType}/{deviceId}}, at QoS 1. The platform may publish the same command more than
 * once (at-least-once), always with the same {@code commandId}: a controller applies a command id once and
 * acknowledges it again, with the same outcome, each time it receives it.
 *
 * @param commandId the command's id; the controller's acknowledgement names it
 * @param type what the command sets
 * @param issuedAt when the platform made it
 * @param expiresAt after this the platform no longer waits for an acknowledgement (the command is {@code EXPIRED});
 *        a controller ignores a command it receives later
 * @param timeZone the community's IANA time zone, in which the periods' times of day are meant
 * @param periods the daily schedule
 */
public record DeviceCommandMessage(
        @Nullable UUID commandId,
        @Nullable CommandType type,
        @Nullable Instant issuedAt,
        @Nullable Instant expiresAt,
        @Nullable String timeZone,
        @Nullable List<SchedulePeriod> periods) {

    public DeviceCommandMessage {
        Require.present(commandId, "commandId");
        Require.present(type, "type");
        Require.present(issuedAt, "issuedAt");
        Require.present(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new ContractViolation("expiresAt", "must be after issuedAt " + issuedAt + ", was " + expiresAt);
        }
        RegistryRules.timeZone(timeZone, "timeZone");
        periods = SchedulePeriod.check(type, periods, "periods");
    }

    /** The period that covers a local time of day, if any: lamps on (or a load allowed to run) then. */
    public java.util.Optional<SchedulePeriod> periodAt(java.time.LocalTime time) {
        return Require.present(periods, "periods").stream().filter(period -> period.covers(time)).findFirst();
    }
}
