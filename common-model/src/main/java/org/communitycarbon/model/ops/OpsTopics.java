package org.communitycarbon.model.ops;

/** Topics the ops-ticket service writes, keyed by community id. */
public final class OpsTopics {

    /** {@link AlertRaised}. */
    public static final String ALERTS = "ops.alerts";

    /** {@link WorkOrderChanged}: every change of a work order after it opened. */
    public static final String WORK_ORDERS = "ops.work-orders";

    /**
     * {@link WorkOrderEscalated}: a work order past its level's deadline went up a level (property company, residents'
     * committee, street office).
     */
    public static final String ESCALATIONS = "ops.escalations";

    private OpsTopics() {
    }
}
