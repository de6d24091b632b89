/**
 * The audit trail of a service: each write under {@code /api/}, each read of an endpoint marked {@link AuditedRead}
 * and each refused read becomes an {@link org.communitycarbon.model.audit.ActionAudited} event in the service's
 * outbox, for the platform's append-only audit log (kept by the ops-ticket service). Ordinary reads cost nothing
 * more than a look at a request attribute.
 */
@NullMarked
package org.communitycarbon.support.audit;

import org.jspecify.annotations.NullMarked;
