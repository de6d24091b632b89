/**
 * MQTT accounts of devices and device gateways: issued, rotated and revoked by the property team over REST, and
 * checked by the broker when a device connects (the broker hook). See docs/mqtt-api.md, credentials.
 */
@NullMarked
package org.communitycarbon.sensing.credentials;

import org.jspecify.annotations.NullMarked;
