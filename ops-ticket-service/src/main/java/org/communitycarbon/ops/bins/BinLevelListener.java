package org.communitycarbon.ops.bins;

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

/**
 * Reads the sensing service's bin statuses into {@link BinLevels}, in a consumer group of its own: the work-order rules
 * read the same topic in theirs, and neither waits for the other.
 */
@Component
class BinLevelListener {

    private final InboundEvents inbound;
    private final BinLevels levels;

    BinLevelListener(InboundEvents inbound, BinLevels levels) {
        this.inbound = inbound;
        this.levels = levels;
    }

    @KafkaListener(topics = SensingTopics.BIN_STATUSES, groupId = "${spring.application.name}-bin-levels")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, BinStatusReported.class, BinLevelListener::check, levels::record);
    }

    /** What the plan of the drop points uses of a status. */
    static void check(BinStatusReported status) {
        Require.readable(status.eventId(), status.communityId(), status.occurredAt());
        Require.identifier(status.deviceId(), "deviceId");
        Require.optionalIdentifier(status.dropPointId(), "dropPointId");
        Require.unit(status.fillingLevel(), "fillingLevel", Unit.RATIO);
        Require.between(status.fillingLevel().value(), "fillingLevel.value", BigDecimal.ZERO, BigDecimal.ONE);
    }
}
