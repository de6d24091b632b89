/**
 * Work orders: opening one per overflowing bin from the sensing service's bin statuses, per silent device or building,
 * and per missed recycling pickup deadline (with the {@code AlertRaised} each causes), resolving them when a later fact
 * settles them, counting missed pickup deadlines per recycler, and listing, reading and resolving orders within the
 * caller's scope.
 */
@NullMarked
package org.communitycarbon.ops.workorder;

import org.jspecify.annotations.NullMarked;
