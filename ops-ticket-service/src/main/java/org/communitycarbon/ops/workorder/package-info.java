/**
 * Work orders: opening one per overflowing bin from the sensing service's bin statuses (with the
 * {@code AlertRaised} it causes), and listing, reading and resolving them within the caller's scope.
 */
@NullMarked
package org.communitycarbon.ops.workorder;

import org.jspecify.annotations.NullMarked;
