package org.communitycarbon.recycling.credits;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.recycling.CreditRequestDecided;
import org.communitycarbon.model.recycling.CreditRequestKind;
import org.communitycarbon.model.recycling.CreditRequestOutcome;
import org.communitycarbon.model.recycling.CreditRequestTopics;
import org.communitycarbon.recycling.exchange.Exchange;
import org.communitycarbon.recycling.tool.SharedTools;
import org.communitycarbon.support.inbox.ProcessedEvents;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the credits service's outcomes and hands each, once (claimed in the inbox in the same transaction), to the
 * feature whose request it answers: a deposit's to {@link SharedTools}, a transfer's to {@link Exchange}.
 */
@Component
class CreditOutcomeListener {

    static final String CONSUMER = "recycling.credit-request-outcomes";

    private final InboundEvents inbound;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;
    private final SharedTools tools;
    private final Exchange exchange;

    CreditOutcomeListener(InboundEvents inbound, ProcessedEvents processed, TransactionTemplate transactions, SharedTools tools,
            Exchange exchange) {
        this.inbound = inbound;
        this.processed = processed;
        this.transactions = transactions;
        this.tools = tools;
        this.exchange = exchange;
    }

    @KafkaListener(topics = CreditRequestTopics.CREDIT_REQUEST_OUTCOMES)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, CreditRequestDecided.class, CreditOutcomeListener::check, this::apply);
    }

    private void apply(List<CreditRequestDecided> outcomes) {
        transactions.executeWithoutResult(status -> {
            Set<UUID> fresh = processed.claim(CONSUMER, outcomes.stream().map(CreditRequestDecided::eventId).toList());
            for (CreditRequestDecided outcome : outcomes) {
                if (fresh.remove(outcome.eventId())) {
                    if (outcome.kind() == CreditRequestKind.TRANSFER) {
                        exchange.settle(outcome);
                    }
                    else {
                        tools.settle(outcome);
                    }
                }
            }
        });
    }

    /** What following an outcome uses: the envelope, the kind, the booking or listing, the outcome and a refusal's reason. */
    static void check(CreditRequestDecided outcome) {
        Require.readable(outcome.eventId(), outcome.communityId(), outcome.occurredAt());
        Require.present(outcome.requestId(), "requestId");
        Require.present(outcome.kind(), "kind");
        Require.present(outcome.subjectId(), "subjectId");
        if (Require.present(outcome.outcome(), "outcome") == CreditRequestOutcome.REFUSED && outcome.reason() == null) {
            throw new ContractViolation("reason", "a refusal gives a reason");
        }
    }
}
