/**
 * The device registry: the communities the platform serves, their places (buildings, households, common areas,
 * energy subsystems, waste drop points) and their devices, each bound to one place. It is kept through the REST
 * API and a CSV inventory (import and export), published as event-carried state on {@code sensing.communities},
 * {@code sensing.places} and {@code sensing.devices} through the outbox, and served to ingest from memory by
 * {@link org.communitycarbon.sensing.registry.DeviceDirectory}. See docs/devices.md.
 */
@NullMarked
package org.communitycarbon.sensing.registry;

import org.jspecify.annotations.NullMarked;
