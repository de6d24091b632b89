/**
 * The device registry's contracts: what the sensing service publishes about communities, their places
 * (buildings, households, common areas, energy subsystems, drop points) and their devices. Each event carries
 * the full current state of one thing at one registry revision, so a reader keeps a read model from the
 * topics alone (docs/events.md, docs/devices.md).
 */
@NullMarked
package org.communitycarbon.model.registry;

import org.jspecify.annotations.NullMarked;
