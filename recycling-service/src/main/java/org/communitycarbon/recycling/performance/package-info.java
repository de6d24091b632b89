/**
 * How the recyclers serving a community perform, for its property manager: orders, dispatches and visits on time,
 * the residents' ratings and the kilograms collected by category, over a period of local dates.
 */
@NullMarked
package org.communitycarbon.recycling.performance;

import org.jspecify.annotations.NullMarked;
