/**
 * Residents' reports through Open311 GeoReport v2 (docs/open311.md): the service list, filing a request, which becomes a
 * {@code RESIDENT_REPORT} work order with a deadline, and following it — status, status notes, the expected time, the
 * escalation level as the agency responsible — and the request-updates extension, mounted under
 * {@code /api/ops/open311/v2}; partner apps' {@code api_key}s (issued, listed and revoked per community, checked by their
 * own security chain) and the reporting resident's evaluation of a resolved request.
 */
@NullMarked
package org.communitycarbon.ops.open311;

import org.jspecify.annotations.NullMarked;
