package org.communitycarbon.credits.earning;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.registry.DeviceChanged;
import org.communitycarbon.model.registry.RegistryRules;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the device registry's records and hands the waste bins' to {@link BinCapacities}; other devices pass unread. A bin's
 * record this service cannot use goes to {@code sensing.devices-dlt} with the reason.
 */
@Component
class BinCapacityListener {

    private final InboundEvents inbound;
    private final BinCapacities capacities;

    BinCapacityListener(InboundEvents inbound, BinCapacities capacities) {
        this.inbound = inbound;
        this.capacities = capacities;
    }

    @KafkaListener(topics = RegistryTopics.DEVICES)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, DeviceChanged.class, BinCapacityListener::check,
                devices -> capacities.record(devices.stream().filter(BinCapacityListener::isBin).toList()));
    }

    static boolean isBin(DeviceChanged device) {
        return RegistryRules.WASTE_BIN.equals(device.deviceType());
    }

    /** What is used of a bin's record: which bin, its revision and its capacity (when present, within the registry's bounds). */
    static void check(DeviceChanged device) {
        Require.readable(device.eventId(), device.communityId(), device.occurredAt());
        if (!isBin(device)) {
            return;
        }
        Require.identifier(device.deviceId(), "deviceId");
        if (device.revision() <= 0) {
            throw new ContractViolation("revision", "must be above 0, was " + device.revision());
        }
        RegistryRules.capacityKg(device.deviceType(), device.capacityKg(), "capacityKg");
    }
}
