package org.communitycarbon.support.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read of raw or personal data — refused device payloads, a household's readings or credits, device
 * credentials, the audit log itself — so that every call of it, allowed or refused, goes into the audit trail
 * ({@link AuditTrail}). On a class, it marks every {@code GET} of the controller. Leave it off the hot reads of
 * one's own data (a resident's {@code /me} endpoints): they are the caller's own, and auditing costs a database
 * write per call.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AuditedRead {
}
