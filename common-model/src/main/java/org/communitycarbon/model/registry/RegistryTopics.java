package org.communitycarbon.model.registry;

import java.util.List;

/**
 * Topics the sensing service writes about its registry. Each carries the full current state of one thing
 * per record (event-carried state) under a key naming that thing, so the topics are compacted: the latest
 * record of each key is kept, and a new reader builds its read model by reading a topic from the start.
 */
public final class RegistryTopics {

    /** {@link CommunityChanged}, keyed by community id. */
    public static final String COMMUNITIES = "sensing.communities";

    /** {@link PlaceChanged}, keyed {@code communityId/KIND/placeId}. */
    public static final String PLACES = "sensing.places";

    /** {@link DeviceChanged}, keyed {@code communityId/deviceId}. */
    public static final String DEVICES = "sensing.devices";

    /** {@link DeviceStatusChanged}, keyed {@code communityId/deviceId}: the latest is the device's connectivity. */
    public static final String DEVICE_STATUS = "sensing.device-status";

    public static final List<String> ALL = List.of(COMMUNITIES, PLACES, DEVICES, DEVICE_STATUS);

    private RegistryTopics() {
    }

    public static String placeKey(String communityId, PlaceKind kind, String placeId) {
        return communityId + "/" + kind.name() + "/" + placeId;
    }

    public static String deviceKey(String communityId, String deviceId) {
        return communityId + "/" + deviceId;
    }
}
