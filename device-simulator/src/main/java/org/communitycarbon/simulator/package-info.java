/**
 * The device simulator: a residential community whose meters, sorting bins and environment sensors
 * publish over MQTT exactly as real devices do (topic scheme and payloads of
 * {@link org.communitycarbon.model.device}). {@link org.communitycarbon.simulator.DeviceSimulator} is the
 * entry point, both as {@code java -jar} and in-process.
 */
@NullMarked
package org.communitycarbon.simulator;

import org.jspecify.annotations.NullMarked;
