package org.communitycarbon.testing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.communitycarbon.infra.EmbeddedMqttBroker;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** A device stand-in that publishes exactly the bytes a test gives it, like {@code mosquitto_pub}. */
public final class MqttTestClient implements AutoCloseable {

    private final MqttClient client;

    /** Connects with the platform's own account, which may publish under any device's topics. */
    public static MqttTestClient platform(EmbeddedMqttBroker broker) {
        return new MqttTestClient(broker.url(), broker.platformUsername(), broker.platformPassword(),
                "platform-test-" + UUID.randomUUID());
    }

    /** Connects as the given account, e.g. a device's ({@code device/<community>/<device>}), or anonymously with an empty username. */
    public MqttTestClient(String brokerUrl, String username, String password, String clientId) {
        try {
            client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            if (!username.isEmpty()) { // empty: anonymous
                options.setUserName(username);
                options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            }
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

    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
        catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }
}
