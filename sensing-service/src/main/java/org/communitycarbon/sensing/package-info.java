/**
 * The sensing service: the platform's door for devices. It takes every reading over MQTT, checks it
 * against the device API (docs/mqtt-api.md) and publishes it to Kafka as an event; a message it cannot
 * accept goes to the dead-letter topic with its reason and original bytes. A message is acknowledged to
 * the broker only once Kafka has acknowledged what was made of it.
 */
@NullMarked
package org.communitycarbon.sensing;

import org.jspecify.annotations.NullMarked;
