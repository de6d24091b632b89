/**
 * What the sensing service publishes: meter readings, waste deposits, bin status, environment
 * observations and connected scales' weighings, each validated, stamped with the device's own time and keyed by device.
 */
@NullMarked
package org.communitycarbon.model.sensing;

import org.jspecify.annotations.NullMarked;
