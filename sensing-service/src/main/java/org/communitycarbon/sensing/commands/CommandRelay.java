package org.communitycarbon.sensing.commands;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.communitycarbon.model.device.DeviceTopic;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes pending commands to their devices' command topics and marks them {@code SENT}; expires those that waited
 * past their timeout. A round locks the oldest pending commands ({@code SKIP LOCKED}, so several instances share the
 * work), publishes each at QoS 1 and marks it sent once the broker acknowledged it, all in one transaction. A crash
 * between the broker's acknowledgement and the commit leaves the command pending, and it is published again: commands
 * are delivered at least once, and a device applies a command id once.
 */
@Component
class CommandRelay {

    private static final Logger log = LoggerFactory.getLogger(CommandRelay.class);

    private final CommandStore store;
    private final MqttCommandPublisher publisher;
    private final CommandSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Counter published;
    private final Counter expired;

    CommandRelay(CommandStore store, MqttCommandPublisher publisher, CommandSettings settings, TransactionTemplate transactions,
            Clock clock, MeterRegistry meters) {
        this.store = store;
        this.publisher = publisher;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
        this.published = Counter.builder("sensing.commands.published").description("Commands the broker took").register(meters);
        this.expired = Counter.builder("sensing.commands.expired")
                .description("Commands that got no acknowledgement before their timeout").register(meters);
    }

    @Scheduled(fixedDelayString = "${sensing.commands.relay-interval:1s}")
    public void relay() {
        int expiredNow = transactions.execute(status -> store.expire(clock.instant()));
        expired.increment(expiredNow);
        if (!publisher.ready()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            List<CommandStore.Pending> pending = store.lockPending(now, settings.relayBatch());
            for (CommandStore.Pending command : pending) {
                try {
                    publisher.publish(DeviceTopic.commandTopic(command.communityId(), command.deviceType(), command.deviceId()),
                            command.payload().getBytes(StandardCharsets.UTF_8), Duration.between(now, command.expiresAt()),
                            settings.publishTimeout());
                }
                catch (MqttException e) {
                    log.warn("Command {} to {} not published ({}); trying again next round", command.id(), command.deviceId(), e.getMessage());
                    return; // what was published so far is marked sent when this transaction commits
                }
                store.markSent(command.id(), clock.instant());
                published.increment();
            }
        });
    }
}
