package org.communitycarbon.model.sensing;

import java.util.List;

/**
 * The sensing service's topic of connected scales' weighings, keyed {@code communityId/deviceId}. Kept apart from
 * {@link SensingTopics} so the documentation test that covers it can live with its producer.
 */
public final class ScaleTopics {

    /** {@link ScaleWeighingReported}: a connected scale weighed one category of a pickup's goods. */
    public static final String SCALE_WEIGHINGS = "sensing.scale-weighings";

    /** Every topic here. */
    public static final List<String> ALL = List.of(SCALE_WEIGHINGS);

    private ScaleTopics() {
    }
}
