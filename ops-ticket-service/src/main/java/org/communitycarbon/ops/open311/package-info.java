/**
 * Residents' reports through Open311 GeoReport v2 (docs/open311.md): the service list, filing a request, which becomes a
 * {@code RESIDENT_REPORT} work order with a deadline, and following it — status, status notes, the expected time, the
 * escalation level as the agency responsible — mounted under {@code /api/ops/open311/v2}.
 */
@NullMarked
package org.communitycarbon.ops.open311;

import org.jspecify.annotations.NullMarked;
