/**
 * What the MQTT broker itself reports: bytes queued for the platform, messages it dropped, publishes it holds
 * back. These are the broker's limits made visible — a drop is never silent — from the embedded broker of the
 * local run, or from Mosquitto's {@code $SYS} topics in docker-compose.
 */
@NullMarked
package org.communitycarbon.sensing.broker;

import org.jspecify.annotations.NullMarked;
