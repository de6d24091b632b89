package org.communitycarbon.model.recycling;

import java.util.List;

/**
 * The recycling service's settlement topic, keyed by community id. Kept apart from {@link RecyclingTopics} so the
 * documentation test that covers it can live with its producer.
 */
public final class SettlementTopics {

    /** {@link PickupSettled}: a pickup's weighed items and what the household is paid for them, once per pickup. */
    public static final String PICKUP_SETTLEMENTS = "recycling.pickup-settlements";

    /** Every topic here. */
    public static final List<String> ALL = List.of(PICKUP_SETTLEMENTS);

    private SettlementTopics() {
    }
}
