/**
 * The simulated community: its layout (buildings, households, drop points, public areas), the devices
 * and the behaviour behind their readings. Nothing here knows about MQTT or real time: a device is asked
 * to report at a simulated instant and returns the messages a real device would send.
 */
@NullMarked
package org.communitycarbon.simulator.community;

import org.jspecify.annotations.NullMarked;
