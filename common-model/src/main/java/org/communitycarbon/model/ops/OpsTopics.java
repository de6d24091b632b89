package org.communitycarbon.model.ops;

/** Topics the ops-ticket service writes, keyed by community id. */
public final class OpsTopics {

    /** {@link AlertRaised}. */
    public static final String ALERTS = "ops.alerts";

    private OpsTopics() {
    }
}
