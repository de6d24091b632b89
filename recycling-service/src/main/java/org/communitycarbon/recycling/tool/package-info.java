/**
 * Shared tools: a community's ladders, drills and carts, added by its property team, booked by residents on a calendar
 * where two active bookings of a tool never overlap, picked up and returned at the property office.
 */
@NullMarked
package org.communitycarbon.recycling.tool;

import org.jspecify.annotations.NullMarked;
