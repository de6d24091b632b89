package org.communitycarbon.simulator.community;

import java.time.Instant;
import java.util.List;

import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.registry.PlaceKind;
import org.jspecify.annotations.Nullable;

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

        /**
         * The residential building the device is in, as the registry places it: a household's ({@code b03-0101} is in
         * {@code b03}) or a building's area's ({@code roof-b03}, {@code lobby-b03}, {@code supply-b03}); null for the plaza, the clubhouse
         * and the drop points, which belong to no building.
         */
        public @Nullable String buildingId() {
            return buildingOf(boundKind, boundId);
        }

        static @Nullable String buildingOf(PlaceKind kind, String placeId) {
            return switch (kind) {
                case HOUSEHOLD -> placeId.indexOf('-') > 0 ? placeId.substring(0, placeId.indexOf('-')) : null;
                case COMMON_AREA -> placeId.startsWith("roof-") || placeId.startsWith("lobby-") || placeId.startsWith("supply-")
                        ? placeId.substring(placeId.indexOf('-') + 1) : null;
                default -> null;
            };
        }
    }
}
