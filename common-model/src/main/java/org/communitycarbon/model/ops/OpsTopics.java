package org.communitycarbon.model.ops;

/** Topics the ops-ticket service writes, keyed by community id. */
public final class OpsTopics {

    /** {@link AlertRaised}. */
    public static final String ALERTS = "ops.alerts";

    /** {@link WorkOrderChanged}: every change of a work order after it opened. */
    public static final String WORK_ORDERS = "ops.work-orders";

    private OpsTopics() {
    }
}
