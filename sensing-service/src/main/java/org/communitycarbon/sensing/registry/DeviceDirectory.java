package org.communitycarbon.sensing.registry;

import java.util.Optional;

/**
 * The registry as ingest needs it, answered from memory: a copy of the active devices and the households,
 * loaded at start and reloaded incrementally (see {@link RegistryDirectory}), so a lookup never waits for the
 * database. A change is seen within {@code sensing.registry.refresh-interval} by every instance, and at once
 * by the instance that made it.
 */
public interface DeviceDirectory {

    /** The device if it is registered and active, else empty. From memory; never blocks on the database. */
    Optional<KnownDevice> find(String communityId, String deviceId);

    /** Whether the household is registered in the community. From memory. */
    boolean householdExists(String communityId, String householdId);
}
