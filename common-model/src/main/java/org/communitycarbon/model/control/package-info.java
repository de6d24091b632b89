/**
 * Controlling devices: what the sensing service publishes about the commands it sends controllers and what the
 * controllers report back — their acknowledgements and their status (docs/events.md, docs/mqtt-api.md#commands).
 */
@NullMarked
package org.communitycarbon.model.control;

import org.jspecify.annotations.NullMarked;
