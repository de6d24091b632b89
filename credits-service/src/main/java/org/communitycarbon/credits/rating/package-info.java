/**
 * The low-carbon household rating (低碳家庭): a monthly grade of each household from the credits it earned and the
 * behaviours it took part in, shown to the resident and counted per community.
 */
@NullMarked
package org.communitycarbon.credits.rating;

import org.jspecify.annotations.NullMarked;
