package org.communitycarbon.model.device;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;

/**
 * {@code cc/{communityId}/{deviceType}/{deviceId}/{message}}, e.g.
 * {@code cc/maple-court/electricity-meter/em-b01-0101/reading}.
 */
public record DeviceTopic(String communityId, DeviceType deviceType, String deviceId, DeviceMessage message) {

    public static final String ROOT = "cc";

    /** Matches every device topic. */
    public static final String FILTER = ROOT + "/+/+/+/+";

    /** The root of the topics the platform sends devices commands on: {@code cmd/{communityId}/{deviceType}/{deviceId}}. */
    public static final String COMMAND_ROOT = "cmd";

    public DeviceTopic {
        Require.identifier(communityId, "topic.communityId");
        Require.present(deviceType, "topic.deviceType");
        Require.identifier(deviceId, "topic.deviceId");
        Require.present(message, "topic.message");
        if (!deviceType.publishes(message)) {
            throw new ContractViolation("topic.message", "a " + deviceType.slug() + " publishes "
                    + deviceType.messages().stream().map(DeviceMessage::slug).collect(Collectors.joining(" or "))
                    + ", not " + message.slug());
        }
    }

    /** Longer topics are refused before they are split: five levels of at most 64 characters each fit. */
    public static final int MAX_LENGTH = 5 * 65;

    public static DeviceTopic parse(String topic) {
        String[] levels = topic.length() > MAX_LENGTH ? new String[0] : topic.split("/", 6);
        if (levels.length != 5 || !ROOT.equals(levels[0])) {
            throw new ContractViolation("topic", "must be " + ROOT + "/{communityId}/{deviceType}/{deviceId}/{message}, was '"
                    + Require.abbreviate(topic, 100) + "'");
        }
        DeviceType type = Arrays.stream(DeviceType.values()).filter(t -> t.slug().equals(levels[2])).findFirst()
                .orElseThrow(() -> new ContractViolation("topic.deviceType", "unknown device type '" + Require.abbreviate(levels[2], 40) + "'; known: "
                        + Arrays.stream(DeviceType.values()).map(DeviceType::slug).collect(Collectors.joining(", "))));
        DeviceMessage message = Arrays.stream(DeviceMessage.values()).filter(m -> m.slug().equals(levels[4])).findFirst()
                .orElseThrow(() -> new ContractViolation("topic.message", "unknown message '" + Require.abbreviate(levels[4], 40) + "'"));
        return new DeviceTopic(levels[1], type, levels[3], message);
    }

    /** The topic a device receives its commands on; only that device (or its gateway) may subscribe to it. */
    public static String commandTopic(String communityId, String deviceTypeSlug, String deviceId) {
        return String.join("/", COMMAND_ROOT, communityId, deviceTypeSlug, deviceId);
    }

    public String path() {
        return String.join("/", ROOT, communityId, deviceType.slug(), deviceId, message.slug());
    }

    @Override
    public String toString() {
        return path();
    }
}
