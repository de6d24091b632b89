/**
 * Off-peak scheduling (docs/operations.md, "Off-peak scheduling"): waste deposits counted per community and hour, the
 * off-peak windows of each day of the week computed from them (fewest drops inside the staff's working hours, less
 * common-area electricity as the tie-breaker), and planned tasks — bin clearing, maintenance — placed into the next
 * window with room, re-placed when the windows move.
 */
@NullMarked
package org.communitycarbon.ops.schedule;

import org.jspecify.annotations.NullMarked;
