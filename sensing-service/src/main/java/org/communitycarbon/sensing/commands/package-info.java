/**
 * Commands to devices (docs/mqtt-api.md#commands): the policy a property manager sets per energy subsystem, the
 * commands that carry it to the subsystem's controllers, the relay that publishes them over MQTT, and the
 * controllers' acknowledgements that settle them.
 */
@NullMarked
package org.communitycarbon.sensing.commands;

import org.jspecify.annotations.NullMarked;
