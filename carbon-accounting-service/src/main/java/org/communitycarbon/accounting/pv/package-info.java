/**
 * PV generation as a community-level reduction: each local month of a community, the grid electricity its PV meters
 * displaced (their OK register deltas; flagged readings add nothing) × the grid factor of its methodology version at the
 * month's end, settled once per community and month as a {@code PV_GENERATION} reduction of the community's own account,
 * in the community's sums and never in a household's (docs/accounting.md#pv-generation-a-community-reduction).
 */
@NullMarked
package org.communitycarbon.accounting.pv;

import org.jspecify.annotations.NullMarked;
