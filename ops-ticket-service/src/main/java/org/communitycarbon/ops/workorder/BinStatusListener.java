package org.communitycarbon.ops.workorder;

import java.math.BigDecimal;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads the sensing service's bin statuses and hands each batch to {@link WorkOrders}. */
@Component
class BinStatusListener {

    private final InboundEvents inbound;
    private final WorkOrders workOrders;

    BinStatusListener(InboundEvents inbound, WorkOrders workOrders) {
        this.inbound = inbound;
        this.workOrders = workOrders;
    }

    @KafkaListener(topics = SensingTopics.BIN_STATUSES)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, BinStatusReported.class, BinStatusListener::check, workOrders::recordBinStatuses);
    }

    /** What opening a work order uses of a status. */
    static void check(BinStatusReported status) {
        Require.readable(status.eventId(), status.communityId(), status.occurredAt());
        Require.identifier(status.deviceId(), "deviceId");
        Require.unit(status.fillingLevel(), "fillingLevel", Unit.RATIO);
        Require.between(status.fillingLevel().value(), "fillingLevel.value", BigDecimal.ZERO, BigDecimal.ONE);
    }
}
