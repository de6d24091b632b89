package org.communitycarbon.sensing.broker;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.communitycarbon.sensing.inbound.MqttSettings;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Mosquitto's figures, from the {@code $SYS} topics it publishes every {@code sys_interval} seconds:
 * {@code $SYS/broker/publish/messages/dropped}, {@code $SYS/broker/store/messages/bytes}. Read on a connection
 * of its own (client id {@code <sensing client id>-sys}), so they never mix with device messages. Mosquitto
 * does not hold publishers back; {@link #heldPublishes()} is -1.
 */
final class MosquittoSysStatistics implements BrokerStatistics, SmartLifecycle, MqttCallback {

    private static final Logger log = LoggerFactory.getLogger(MosquittoSysStatistics.class);
    static final String DROPPED = "$SYS/broker/publish/messages/dropped";
    static final String STORED_BYTES = "$SYS/broker/store/messages/bytes";

    private final MqttSettings mqtt;
    private final Map<String, AtomicLong> values = Map.of(DROPPED, new AtomicLong(-1), STORED_BYTES, new AtomicLong(-1));
    private @Nullable MqttAsyncClient client;
    private volatile boolean running;

    MosquittoSysStatistics(MqttSettings mqtt) {
        this.mqtt = mqtt;
    }

    @Override
    public long queuedBytes() {
        return values.get(STORED_BYTES).get();
    }

    @Override
    public long droppedMessages() {
        return values.get(DROPPED).get();
    }

    @Override
    public long heldPublishes() {
        return -1;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        AtomicLong value = values.get(topic);
        if (value != null) {
            try {
                value.set(Long.parseLong(new String(message.getPayload(), StandardCharsets.US_ASCII).trim()));
            }
            catch (NumberFormatException e) {
                log.debug("Unreadable {}: {}", topic, e.getMessage());
            }
        }
    }

    @Override
    public void start() {
        running = true;
        try {
            MqttAsyncClient newClient = new MqttAsyncClient(mqtt.url(), mqtt.clientId() + "-sys", new MemoryPersistence());
            newClient.setCallback(this);
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(true);
            if (mqtt.username() != null && !mqtt.username().isBlank()) {
                options.setUserName(mqtt.username());
                options.setPassword(mqtt.password() == null ? new byte[0] : mqtt.password().getBytes(StandardCharsets.UTF_8));
            }
            client = newClient;
            newClient.connect(options);
        }
        catch (MqttException e) {
            log.warn("Broker statistics unavailable: {}", e.getMessage());
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        MqttAsyncClient current = client;
        if (current == null) {
            return;
        }
        // Not from this callback thread synchronously (a Paho pitfall): the subscribe call returns at once.
        try {
            current.subscribe(new String[] {DROPPED, STORED_BYTES}, new int[] {0, 0});
        }
        catch (MqttException e) {
            log.warn("Could not subscribe to the broker's $SYS topics: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        MqttAsyncClient current = client;
        if (current != null) {
            try {
                current.disconnectForcibly(1_000);
                current.close(true);
            }
            catch (MqttException e) {
                log.debug("closing the $SYS client: {}", e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
