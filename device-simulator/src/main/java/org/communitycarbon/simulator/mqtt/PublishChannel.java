package org.communitycarbon.simulator.mqtt;

import java.time.Duration;

import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A connection to a broker that publishes asynchronously with QoS 1. {@link PahoChannel} is the real
 * one; tests use a fake to provoke full in-flight windows and lost connections.
 */
public interface PublishChannel extends AutoCloseable {

    /** What happens to one publish, called from the client's own threads: must not block. */
    interface Delivery {

        /** The broker acknowledged the message (PUBACK). */
        void delivered();

        /** The message was not acknowledged: the connection was lost, or the broker refused it. */
        void failed(Throwable cause);
    }

    /**
     * Opens the connection, waiting at most {@code timeout}.
     *
     * @throws MqttException when the broker cannot be reached or refuses the connection
     * @throws InterruptedException when interrupted while waiting
     */
    void connect(Duration timeout) throws MqttException, InterruptedException;

    boolean isConnected();

    /** The broker's Receive Maximum: how many QoS 1 publishes may await acknowledgement at once. */
    int receiveMaximum();

    /**
     * Hands a message to the client without waiting for the broker.
     *
     * @throws MqttException when the client cannot take it now, e.g. 32202 (too many publishes in
     *         progress) or 32104 (not connected)
     */
    void publish(String topic, byte[] payload, Delivery delivery) throws MqttException;

    /** The server address, for log lines. */
    String serverUri();

    /** Disconnects (letting in-flight messages finish for up to {@code quiesce}) and releases the client. */
    void close(Duration quiesce);

    @Override
    default void close() {
        close(Duration.ofSeconds(2));
    }
}
