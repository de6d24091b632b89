package org.communitycarbon.sensing.inbound;

import java.util.ArrayDeque;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges QoS 1 messages to the broker in the order they arrived, as MQTT 5 (section 4.6) requires of a
 * client, though they finish out of order (Kafka acknowledges partitions independently): a finished message
 * waits until those before it have finished too.
 */
final class InOrderAcknowledgements {

    private static final Logger log = LoggerFactory.getLogger(InOrderAcknowledgements.class);

    private final MqttAsyncClient client;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long generation;

    InOrderAcknowledgements(MqttAsyncClient client) {
        this.client = client;
    }

    /** Registers an arriving message; the returned action marks it finished. */
    synchronized Runnable arrived(int messageId, int qos, Runnable onAcknowledged) {
        Pending entry = new Pending(messageId, qos, generation, onAcknowledged);
        if (qos > 0) {
            pending.addLast(entry);
        }
        return () -> finished(entry);
    }

    private synchronized void finished(Pending entry) {
        if (entry.qos == 0) {
            entry.onAcknowledged.run();
            return;
        }
        if (entry.generation != generation) {
            return; // from before a reconnect: the broker sends it again under a new id
        }
        entry.finished = true;
        while (!pending.isEmpty() && pending.peekFirst().finished) {
            Pending next = pending.pollFirst();
            try {
                client.messageArrivedComplete(next.messageId, next.qos);
            }
            catch (MqttException e) {
                // Disconnected meanwhile: the broker sends the message again; its event id makes it harmless.
                log.debug("Could not acknowledge MQTT message {}: {}", next.messageId, e.getMessage());
            }
            next.onAcknowledged.run();
        }
    }

    /** After a disconnect: nothing outstanding can be acknowledged on the new connection. */
    synchronized void forgetAll() {
        pending.clear();
        generation++;
    }

    private static final class Pending {

        final int messageId;
        final int qos;
        final long generation;
        final Runnable onAcknowledged;
        boolean finished;

        Pending(int messageId, int qos, long generation, Runnable onAcknowledged) {
            this.messageId = messageId;
            this.qos = qos;
            this.generation = generation;
            this.onAcknowledged = onAcknowledged;
        }
    }
}
