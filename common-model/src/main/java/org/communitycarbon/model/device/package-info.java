/**
 * The MQTT device API (docs/mqtt-api.md): the topic scheme and the JSON a device publishes. Attribute
 * names and units follow the FIWARE Smart Data Models where one exists; every message carries the
 * device's own timestamp in {@code dateObserved}.
 */
@NullMarked
package org.communitycarbon.model.device;

import org.jspecify.annotations.NullMarked;
