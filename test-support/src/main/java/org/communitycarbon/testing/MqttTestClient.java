package org.communitycarbon.testing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** A device stand-in that publishes exactly the bytes a test gives it, like {@code mosquitto_pub}. */
public final class MqttTestClient implements AutoCloseable {

    private final MqttClient client;

    public MqttTestClient(String brokerUrl) {
        try {
            client = new MqttClient(brokerUrl, "test-device-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options);
        }
        catch (MqttException e) {
            throw new IllegalStateException("cannot connect to " + brokerUrl, e);
        }
    }

    /** Publishes with QoS 1 and returns when the broker has acknowledged. */
    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    public void publish(String topic, byte[] payload) {
        try {
            client.publish(topic, payload, 1, false);
        }
        catch (MqttException e) {
            throw new IllegalStateException("publish to " + topic + " failed", e);
        }
    }

    @Override
    public void close() {
        try {
            client.disconnect();
            client.close();
        }
        catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }
}
