/**
 * Consumption from cumulative meter registers. Each reading is stored once (by event id and by device and
 * time); its delta is the register minus the device's previous reading, recomputed when a reading arrives
 * late, and left empty for a device's first reading or when the register went backwards. Household
 * consumption over a period is the sum of the deltas of its meters' readings in that period.
 */
@NullMarked
package org.communitycarbon.accounting.consumption;

import org.jspecify.annotations.NullMarked;
