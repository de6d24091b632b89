/**
 * The audit trail: who did what on the platform — writes, reads of raw or personal data, refusals, logins — as
 * {@link org.communitycarbon.model.audit.ActionAudited} events on {@value org.communitycarbon.model.audit.AuditTopics#AUDIT},
 * kept by the ops-ticket service in an append-only log for admins.
 */
@NullMarked
package org.communitycarbon.model.audit;

import org.jspecify.annotations.NullMarked;
