package org.communitycarbon.ops.audit;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.audit.ActionAudited;
import org.communitycarbon.model.audit.AuditTopics;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Appends every service's audit events to the {@link AuditLog}. */
@Component
class AuditListener {

    private final InboundEvents inbound;
    private final AuditLog log;

    AuditListener(InboundEvents inbound, AuditLog log) {
        this.inbound = inbound;
        this.log = log;
    }

    @KafkaListener(topics = AuditTopics.AUDIT)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, ActionAudited.class, AuditLog::check, log::append);
    }
}
