/**
 * Licensed recycling companies: onboarded by a community's property manager or an admin, with the categories they
 * take and how many pickups a day they can be dispatched; the communities they serve; and their collectors, the
 * users of role {@code RECYCLER} who act for them. Other features ask {@link org.communitycarbon.recycling.recycler.Recyclers}
 * which company a caller acts for.
 */
@NullMarked
package org.communitycarbon.recycling.recycler;

import org.jspecify.annotations.NullMarked;
