/**
 * The MQTT messages the platform refused, read back from the dead-letter topic into a table an operator
 * can browse through the API: what arrived, on which topic, and why it was refused.
 */
@NullMarked
package org.communitycarbon.sensing.rejected;

import org.jspecify.annotations.NullMarked;
