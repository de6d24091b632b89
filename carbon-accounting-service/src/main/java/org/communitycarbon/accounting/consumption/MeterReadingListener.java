package org.communitycarbon.accounting.consumption;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads meter readings into the {@link ConsumptionRecorder}. */
@Component
class MeterReadingListener {

    private final InboundEvents inbound;
    private final ConsumptionRecorder recorder;

    MeterReadingListener(InboundEvents inbound, ConsumptionRecorder recorder) {
        this.inbound = inbound;
        this.recorder = recorder;
    }

    @KafkaListener(topics = SensingTopics.METER_READINGS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, MeterReadingReceived.class, MeterReadingListener::check, recorder::record);
    }

    /** What storing a reading uses: its identity, its meter and a register that fits the column. */
    static void check(MeterReadingReceived reading) {
        Require.readable(reading.eventId(), reading.communityId(), reading.occurredAt());
        Require.identifier(reading.deviceId(), "deviceId");
        Require.present(reading.meterType(), "meterType");
        Require.optionalIdentifier(reading.householdId(), "householdId");
        Require.optionalIdentifier(reading.areaId(), "areaId");
        if ((reading.householdId() == null) == (reading.areaId() == null)) {
            throw new ContractViolation("householdId", "exactly one of householdId and areaId must be given");
        }
        Require.unit(reading.register(), "register", reading.meterType().registerUnit());
        MeterReadingReceived.checkRegister(reading.register().value(), "register.value");
    }
}
