package org.communitycarbon.simulator.community;

import java.time.Instant;

import org.communitycarbon.model.device.CommandAckMessage;
import org.communitycarbon.model.device.DeviceCommandMessage;

/**
 * A simulated controller that takes commands from the platform: it is told each command that arrives on its command
 * topic and answers with the acknowledgement it publishes on its {@code ack} topic. Called from the thread that
 * receives commands, never the report loop's; implementations keep what they share with their reports thread-safe.
 */
public interface Controller extends SimulatedDevice {

    /**
     * Takes a command: applies it (a command id seen before is not applied again, and answered the same), and says so.
     *
     * @param observedAt the controller's own clock, for the acknowledgement's {@code dateObserved}
     */
    CommandAckMessage accept(DeviceCommandMessage command, Instant observedAt);
}
