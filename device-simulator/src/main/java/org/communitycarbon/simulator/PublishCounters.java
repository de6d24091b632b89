package org.communitycarbon.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.model.device.DeviceType;

/** Acknowledged messages by device type and message kind; updated from Paho's threads. */
final class PublishCounters {

    private static final int MESSAGES = DeviceMessage.values().length;

    private final AtomicLongArray counts = new AtomicLongArray(DeviceType.values().length * MESSAGES);

    void acknowledged(DeviceTopic topic) {
        counts.incrementAndGet(topic.deviceType().ordinal() * MESSAGES + topic.message().ordinal());
    }

    long total() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    Map<DeviceType, Long> byDeviceType() {
        Map<DeviceType, Long> result = new EnumMap<>(DeviceType.class);
        for (DeviceType type : DeviceType.values()) {
            long sum = 0;
            for (DeviceMessage message : DeviceMessage.values()) {
                sum += counts.get(type.ordinal() * MESSAGES + message.ordinal());
            }
            result.put(type, sum);
        }
        return result;
    }

    Map<DeviceMessage, Long> byMessage() {
        Map<DeviceMessage, Long> result = new EnumMap<>(DeviceMessage.class);
        for (DeviceMessage message : DeviceMessage.values()) {
            long sum = 0;
            for (DeviceType type : DeviceType.values()) {
                sum += counts.get(type.ordinal() * MESSAGES + message.ordinal());
            }
            result.put(message, sum);
        }
        return result;
    }
}
