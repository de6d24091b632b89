package org.communitycarbon.sensing.commands;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.control.CommandAcknowledged;
import org.communitycarbon.model.control.ControlTopics;
import org.communitycarbon.support.messaging.InboundEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Reads controllers' acknowledgements back from {@value ControlTopics#COMMAND_ACKS} and settles their commands:
 * {@code ACKNOWLEDGED} when accepted, {@code FAILED} with the device's reason when rejected. An acknowledgement of a
 * command that does not exist, was sent to another device, has expired or was settled already changes nothing; it is
 * counted in {@code sensing.commands.acks} with {@code outcome=ignored} and the reason, and never stops the listener.
 * Applying is idempotent (a command is settled once), so a redelivered record is harmless.
 */
@Component
class CommandAckListener {

    private final CommandStore store;
    private final InboundEvents inbound;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    CommandAckListener(CommandStore store, InboundEvents inbound, TransactionTemplate transactions, MeterRegistry meters) {
        this.store = store;
        this.inbound = inbound;
        this.transactions = transactions;
        this.meters = meters;
    }

    @KafkaListener(topics = ControlTopics.COMMAND_ACKS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        inbound.process(records, CommandAcknowledged.class, ack -> {
            Require.readable(ack.eventId(), ack.communityId(), ack.occurredAt());
            Require.identifier(ack.deviceId(), "deviceId");
            Require.present(ack.commandId(), "commandId");
            Require.present(ack.outcome(), "outcome");
            Require.present(ack.receivedAt(), "receivedAt");
        }, acks -> transactions.executeWithoutResult(status -> acks.forEach(this::apply)));
    }

    private void apply(CommandAcknowledged ack) {
        String reason = ack.reason() == null ? null : Require.abbreviate(ack.reason(), 200);
        if (store.settle(ack.commandId(), ack.communityId(), ack.deviceId(), ack.outcome(), reason, ack.receivedAt())) {
            count(ack.outcome().name().toLowerCase(java.util.Locale.ROOT), "none");
            return;
        }
        String why = store.command(ack.commandId()).map(command -> {
            if (!command.communityId().equals(ack.communityId()) || !command.deviceId().equals(ack.deviceId())) {
                return "foreign";
            }
            if (!command.expiresAt().isAfter(ack.receivedAt())) {
                return "expired";
            }
            return "settled";
        }).orElse("unknown");
        count("ignored", why);
    }

    private void count(String outcome, String reason) {
        counters.computeIfAbsent(outcome + "/" + reason, key -> Counter.builder("sensing.commands.acks")
                .description("Acknowledgements of commands: accepted, rejected, or ignored (unknown, foreign, expired, settled)")
                .tag("outcome", outcome).tag("reason", reason).register(meters)).increment();
    }
}
