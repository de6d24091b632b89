package org.communitycarbon.model.recycling;

import java.util.List;

/**
 * The recycling service's shared-tool topics, keyed by community id. Kept apart from {@link RecyclingTopics} so the
 * documentation test that covers them can live with their producer.
 */
public final class ToolTopics {

    /** {@link ToolReturnOverdue}: a shared tool not back by the end of its booking, once per booking and local day. */
    public static final String TOOL_REMINDERS = "recycling.tool-reminders";

    /** Every topic here. */
    public static final List<String> ALL = List.of(TOOL_REMINDERS);

    private ToolTopics() {
    }
}
