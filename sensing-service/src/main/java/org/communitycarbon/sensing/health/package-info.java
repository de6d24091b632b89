/**
 * Device health: when each device was last heard from, whether it is online or offline, and the changes as
 * events (docs/devices.md).
 */
@NullMarked
package org.communitycarbon.sensing.health;

import org.jspecify.annotations.NullMarked;
