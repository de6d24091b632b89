/**
 * The recycling service: recycling categories with default prices ({@code catalog}) and each community's dated price
 * versions ({@code price}); licensed recyclers and their collectors ({@code recycler}); free door-to-door pickups booked
 * by residents, dispatched, weighed, settled and rated ({@code pickup}); the recyclers' performance
 * ({@code performance}); shared tools ({@code tool}); the second-hand exchange ({@code exchange}); and the resident's
 * copy and erasure of their data ({@code privacy}).
 */
@NullMarked
package org.communitycarbon.recycling;

import org.jspecify.annotations.NullMarked;
