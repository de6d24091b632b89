/**
 * The recycling service: recycling categories with a price and a credit rate per kg ({@code catalog}),
 * and free door-to-door pickups booked by residents, each with a dispatch and an arrival deadline
 * ({@code pickup}).
 */
@NullMarked
package org.communitycarbon.recycling;

import org.jspecify.annotations.NullMarked;
