package org.communitycarbon.credits.transfer;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.recycling.CreditRequestKind;
import org.communitycarbon.model.recycling.CreditRequestTopics;
import org.communitycarbon.model.recycling.CreditRequested;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads the recycling service's credit requests and hands them to {@link CreditRequests}. */
@Component
class CreditRequestListener {

    private final InboundEvents inbound;
    private final CreditRequests requests;

    CreditRequestListener(InboundEvents inbound, CreditRequests requests) {
        this.inbound = inbound;
        this.requests = requests;
    }

    @KafkaListener(topics = CreditRequestTopics.CREDIT_REQUESTS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, CreditRequested.class, CreditRequestListener::check, requests::apply);
    }

    /** What applying a request uses: all of it but the schema version (any version is read). */
    static void check(CreditRequested request) {
        Require.readable(request.eventId(), request.communityId(), request.occurredAt());
        CreditRequestKind kind = Require.present(request.kind(), "kind");
        Require.present(request.subjectId(), "subjectId");
        Require.identifier(request.householdId(), "householdId");
        if (kind == CreditRequestKind.TRANSFER && Require.identifier(request.toHouseholdId(), "toHouseholdId")
                .equals(request.householdId())) {
            throw new ContractViolation("toHouseholdId", "must differ from householdId");
        }
        if ((kind == CreditRequestKind.RELEASE || kind == CreditRequestKind.FORFEIT) && request.holdId() == null) {
            throw new ContractViolation("holdId", "a " + kind + " names the HOLD it settles");
        }
        Require.unit(request.credits(), "credits", org.communitycarbon.model.Unit.CREDIT);
        var credits = Require.between(request.credits().value(), "credits.value", java.math.BigDecimal.ONE, CreditRequested.MAX_CREDITS);
        if (credits.stripTrailingZeros().scale() > 0) {
            throw new ContractViolation("credits.value", "must be a whole number of credits, was " + Require.show(credits));
        }
        Require.text(request.reason(), "reason", 200);
    }
}
