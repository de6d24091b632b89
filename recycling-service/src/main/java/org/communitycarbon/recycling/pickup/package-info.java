/**
 * Free door-to-door pickups: a resident books one for their own household, safely retried with an
 * {@code Idempotency-Key}; each booking carries the mission's service levels as deadlines (a recycler
 * dispatched within 1 hour, at the door within 24 hours). Residents read their own bookings; the
 * property manager and staff, the street office and admins read a community's.
 */
@NullMarked
package org.communitycarbon.recycling.pickup;

import org.jspecify.annotations.NullMarked;
