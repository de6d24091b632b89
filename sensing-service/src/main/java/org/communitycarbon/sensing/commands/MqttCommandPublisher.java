package org.communitycarbon.sensing.commands;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.communitycarbon.sensing.inbound.MqttSettings;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The platform's connection for publishing commands: its own client ({@code <client id>-commands}) with the platform's
 * account, separate from the subscriber's so that publishing never waits behind ingest. It only publishes, so it keeps
 * no session; what is not yet published stays {@code PENDING} in the database, which is the relay's memory.
 */
@Component
class MqttCommandPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MqttCommandPublisher.class);
    private static final int QOS = 1;

    private final MqttSettings mqtt;
    private volatile @Nullable MqttAsyncClient client;
    private volatile @Nullable MqttConnectionOptions options;
    private volatile boolean running;

    MqttCommandPublisher(MqttSettings mqtt) {
        this.mqtt = mqtt;
    }

    @Override
    public void start() {
        try {
            MqttAsyncClient created = new MqttAsyncClient(mqtt.url(), mqtt.clientId() + "-commands", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, 30);
            options.setKeepAliveInterval(mqtt.keepAliveSeconds());
            if (mqtt.username() != null && !mqtt.username().isBlank()) {
                options.setUserName(mqtt.username());
                options.setPassword(mqtt.password() == null ? new byte[0] : mqtt.password().getBytes(StandardCharsets.UTF_8));
            }
            client = created;
            this.options = options;
            running = true;
            // the first connect is not covered by automatic reconnect: the relay asks again until it works
            connect(created, options);
        }
        catch (MqttException e) {
            throw new IllegalStateException("MQTT client for " + mqtt.url() + " could not be created", e);
        }
    }

    private void connect(MqttAsyncClient current, MqttConnectionOptions connectionOptions) {
        try {
            current.connect(connectionOptions);
        }
        catch (MqttException e) {
            log.warn("Command publisher cannot connect to {} yet: {}", mqtt.url(), e.getMessage());
        }
    }

    /** Whether commands can be published now; asks for a connection if there is none and none is being made. */
    boolean ready() {
        MqttAsyncClient current = client;
        MqttConnectionOptions connectionOptions = options;
        if (current == null || !running) {
            return false;
        }
        if (!current.isConnected() && connectionOptions != null) {
            try {
                current.connect(connectionOptions);
            }
            catch (MqttException e) {
                // already connecting (32110) or still unreachable: the next round asks again
            }
        }
        return current.isConnected();
    }

    /**
     * Publishes one command at QoS 1 and returns once the broker acknowledged it; the broker drops it undelivered
     * after {@code expiresIn} (MQTT 5 message expiry), when the command is expired anyway.
     *
     * @throws MqttException when the broker did not take it within {@code timeout} or refused it
     */
    void publish(String topic, byte[] payload, Duration expiresIn, Duration timeout) throws MqttException {
        MqttAsyncClient current = client;
        if (current == null) {
            throw new MqttException(32104); // client not connected
        }
        MqttMessage message = new MqttMessage(payload, QOS, false, new MqttProperties());
        message.getProperties().setMessageExpiryInterval(Math.max(1, expiresIn.toSeconds()));
        IMqttToken token = current.publish(topic, message);
        token.waitForCompletion(timeout.toMillis());
        int[] codes = token.getReasonCodes();
        if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
            throw new MqttException(codes[0]);
        }
    }

    @Override
    public void stop() {
        running = false;
        MqttAsyncClient current = client;
        if (current != null) {
            try {
                if (current.isConnected()) {
                    current.disconnect(1_000).waitForCompletion(2_000);
                }
                current.close(true);
            }
            catch (MqttException e) {
                log.debug("Command publisher close: {}", e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
