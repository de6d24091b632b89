/**
 * Publishing to the broker: a Paho MQTT v5 connection and a publisher that applies back-pressure
 * instead of dropping messages when the in-flight window is full or the connection is lost.
 */
@NullMarked
package org.communitycarbon.simulator.mqtt;

import org.jspecify.annotations.NullMarked;
