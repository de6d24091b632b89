/**
 * A community's trends for the property manager's dashboard, per local day or month, and its day so far: read
 * from the daily rollups only, never from raw readings.
 */
@NullMarked
package org.communitycarbon.accounting.trend;

import org.jspecify.annotations.NullMarked;
