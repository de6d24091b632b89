package org.communitycarbon.sensing.registry;

import org.jspecify.annotations.Nullable;

/**
 * An active device as ingest sees it.
 *
 * @param deviceType as in MQTT topics: {@code electricity-meter}, {@code waste-bin}...
 * @param binding the kind of place it serves
 * @param boundId the place it serves
 * @param householdId the household, when it serves one ({@code boundId} then)
 * @param buildingId the building of the place it serves, when that place is in one
 */
public record KnownDevice(String communityId, String deviceId, String deviceType, Binding binding, String boundId,
        @Nullable String householdId, @Nullable String buildingId) {
}
