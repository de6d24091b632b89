/** The latest fill level of every bin of a community, for the dashboard's plan of its drop points. */
@NullMarked
package org.communitycarbon.ops.bins;

import org.jspecify.annotations.NullMarked;
