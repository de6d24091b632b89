package org.communitycarbon.ops.workorder;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.registry.DeviceChanged;
import org.communitycarbon.model.registry.DeviceStatus;
import org.communitycarbon.model.registry.DeviceStatusChanged;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps which devices are online, from the sensing service's device statuses, and forgets retired devices, from
 * its registry ({@link DeviceConnectivity}).
 */
@Component
class DeviceStatusListener {

    private final InboundEvents inbound;
    private final DeviceConnectivity connectivity;

    DeviceStatusListener(InboundEvents inbound, DeviceConnectivity connectivity) {
        this.inbound = inbound;
        this.connectivity = connectivity;
    }

    @KafkaListener(topics = RegistryTopics.DEVICE_STATUS)
    void onStatus(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, DeviceStatusChanged.class, DeviceStatusChanged::validate, connectivity::record);
    }

    @KafkaListener(topics = RegistryTopics.DEVICES)
    void onDevice(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, DeviceChanged.class, DeviceStatusListener::check,
                devices -> connectivity.retire(devices.stream().filter(d -> d.status() == DeviceStatus.RETIRED).toList()));
    }

    /** What forgetting a retired device uses of a registry record. */
    static void check(DeviceChanged device) {
        Require.readable(device.eventId(), device.communityId(), device.occurredAt());
        Require.identifier(device.deviceId(), "deviceId");
        Require.present(device.status(), "status");
    }
}
