package org.communitycarbon.model.audit;

/** The audit topic every service writes and the ops-ticket service reads, keyed by community id. */
public final class AuditTopics {

    /** {@link ActionAudited}. */
    public static final String AUDIT = "platform.audit";

    private AuditTopics() {
    }
}
