package org.communitycarbon.simulator.community;

import java.time.Instant;
import java.util.List;

import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.registry.PlaceKind;

/**
 * One device of the community. The simulator asks it to report once per simulated minute; it answers
 * with the messages a real device would publish at that moment.
 */
public interface SimulatedDevice {

    String deviceId();

    DeviceType type();

    /**
     * Where in each minute this device reports, from 0 (at the start of the minute) to just under 1 (at
     * its end); drawn from the seed, so that a community's readings spread over the minute.
     */
    double phase();

    /**
     * Advances the device to {@code simulatedAt} and adds what it publishes to {@code out}.
     *
     * @param simulatedAt the simulated instant; behaviour (load profiles, drop windows, collections)
     *        follows it. Never earlier than the previous call.
     * @param observedAt the device's own clock, written as {@code dateObserved}: the real time of sending
     */
    void report(Instant simulatedAt, Instant observedAt, List<Publication> out);

    /** Where the device is installed, as the platform's registry records it. */
    Installation installation();

    /**
     * What a device is bound to — a household, a common area or a drop point — its model and where it hangs.
     */
    record Installation(PlaceKind boundKind, String boundId, String model, String location) {
    }
}
