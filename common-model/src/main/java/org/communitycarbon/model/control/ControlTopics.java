package org.communitycarbon.model.control;

import java.util.List;

/**
 * Topics the sensing service writes about controllers. Each carries one payload type; the record key is
 * {@code communityId/deviceId}, so one controller's messages stay in order on one partition.
 */
public final class ControlTopics {

    /** {@link CommandAcknowledged}: a controller's answer to a command, as it published it on its {@code ack} topic. */
    public static final String COMMAND_ACKS = "sensing.command-acks";

    /** {@link ControllerStatusReported}: whether a controller's load is on, and which command's schedule it follows. */
    public static final String CONTROLLER_STATUSES = "sensing.controller-statuses";

    public static final List<String> ALL = List.of(COMMAND_ACKS, CONTROLLER_STATUSES);

    private ControlTopics() {
    }
}
