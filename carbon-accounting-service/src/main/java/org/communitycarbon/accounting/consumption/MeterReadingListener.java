package org.communitycarbon.accounting.consumption;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.support.messaging.BulkFetch;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads meter readings into the {@link ConsumptionRecorder}: one consumer per partition of the topic (as the platform
 * creates it) rather than the platform's default of two, which left one consumer with two of the three partitions, and
 * batches of up to 5,000 readings when a backlog builds. Each batch costs a fixed dozen statements and one commit, and
 * its readings of one device and hour add to the same rollup rows once, so a larger batch stores more readings per
 * second; when readings arrive steadily, batches stay as small as the fetch settings make them ({@link BulkFetch}: 256 KB
 * or 200 ms).
 */
@Component
class MeterReadingListener {

    private final InboundEvents inbound;
    private final ConsumptionRecorder recorder;

    MeterReadingListener(InboundEvents inbound, ConsumptionRecorder recorder) {
        this.inbound = inbound;
        this.recorder = recorder;
    }

    @KafkaListener(topics = SensingTopics.METER_READINGS, concurrency = "${accounting.ingest.consumers:3}",
            properties = { "max.poll.records=${accounting.ingest.max-batch:5000}", BulkFetch.MIN_BYTES, BulkFetch.MAX_WAIT })
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
