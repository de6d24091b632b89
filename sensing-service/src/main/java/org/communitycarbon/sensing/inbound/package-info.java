/**
 * From MQTT to Kafka: the Paho MQTT v5 client on a shared subscription, the translation of device
 * messages into events, and the rule that a message is acknowledged to the broker only after Kafka
 * acknowledged the record made of it.
 */
@NullMarked
package org.communitycarbon.sensing.inbound;

import org.jspecify.annotations.NullMarked;
