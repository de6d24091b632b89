package org.communitycarbon.simulator.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.communitycarbon.model.device.CommandAckMessage;
import org.communitycarbon.model.device.DeviceCommandMessage;
import org.communitycarbon.model.device.DeviceMessage;
import org.communitycarbon.model.device.DeviceTopic;
import org.communitycarbon.simulator.DevicePayloads;
import org.communitycarbon.simulator.community.Controller;
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

/**
 * Where simulated controllers hear their commands: one MQTT connection that subscribes, at QoS 1, to the command topics
 * of its controllers — one controller when it logs in with that controller's own device account, all of them when it
 * uses the simulator's gateway account — and answers each command on the controller's {@code ack} topic.
 * <p>
 * The session is persistent (clean start off, a day's expiry), so commands published while the simulator was away
 * arrive when it reconnects. Paho's callback thread only hands a message over: parsing, applying and acknowledging run on
 * this subscriber's own thread, and the acknowledgement is published without waiting (PITFALLS.md). Subscribing happens
 * on that thread after each connection, never inside {@code connectComplete}. A command that cannot be read, or that
 * arrives after its {@code expiresAt}, is logged and left unanswered, as a real controller would.
 */
public final class CommandSubscriber implements MqttCallback, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandSubscriber.class);

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final Map<String, Controller> byTopic;
    private final Function<Controller, String> ackTopic;
    private final Clock clock;
    private final ExecutorService worker;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile boolean running;

    /**
     * @param controllers by their command topic
     * @param ackTopic the topic a controller acknowledges on
     * @param clientId the username for a device account; {@code <username>/<anything>} for a gateway account
     */
    public CommandSubscriber(String serverUri, String clientId, @Nullable String username, @Nullable String password,
            Map<String, Controller> controllers, Function<Controller, String> ackTopic, Clock clock) {
        try {
            this.client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        }
        catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("mqttUrl: cannot use '" + serverUri + "': " + e.getMessage(), e);
        }
        this.byTopic = Map.copyOf(controllers);
        this.ackTopic = ackTopic;
        this.clock = clock;
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "device-simulator-commands-" + clientId);
            thread.setDaemon(true);
            return thread;
        });
        client.setCallback(this);
        options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(86_400L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setKeepAliveInterval(30);
        if (username != null && !username.isBlank()) {
            options.setUserName(username);
            options.setPassword(password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The command topic of a controller. */
    public static String commandTopic(Controller controller, String communityId) {
        return DeviceTopic.commandTopic(communityId, controller.type().slug(), controller.deviceId());
    }

    /** The ack topic of a controller. */
    public static String ackTopic(Controller controller, String communityId) {
        return new DeviceTopic(communityId, controller.type(), controller.deviceId(), DeviceMessage.ACK).path();
    }

    /** Connects in the background, and again after every loss of the connection. */
    public CommandSubscriber start() {
        running = true;
        worker.execute(this::connect);
        return this;
    }

    private void connect() {
        if (!running) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(10_000);
        }
        catch (MqttException e) {
            log.warn("Controllers cannot reach the MQTT broker yet ({}); trying again in 2 s", e.getMessage());
            sleepThen(this::connect);
        }
    }

    private void sleepThen(Runnable next) {
        worker.execute(() -> {
            try {
                Thread.sleep(2_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            next.run();
        });
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        worker.execute(this::subscribe);
    }

    private void subscribe() {
        if (!running) {
            return;
        }
        List<String> topics = List.copyOf(byTopic.keySet());
        try {
            IMqttToken token = client.subscribe(topics.toArray(String[]::new), topics.stream().mapToInt(topic -> 1).toArray());
            token.waitForCompletion(10_000);
            int[] codes = token.getReasonCodes();
            for (int i = 0; codes != null && i < codes.length; i++) {
                if (codes[i] >= 0x80) {
                    log.warn("The broker refused the subscription to {} (reason {})", topics.get(Math.min(i, topics.size() - 1)), codes[i]);
                }
            }
        }
        catch (MqttException e) {
            log.warn("Subscribing to the commands of {} controllers failed ({}); trying again", topics.size(), e.getMessage());
            sleepThen(this::subscribe);
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        byte[] payload = message.getPayload();
        worker.execute(() -> handle(topic, payload));
    }

    private void handle(String topic, byte[] payload) {
        Controller controller = byTopic.get(topic);
        if (controller == null) {
            return;
        }
        received.incrementAndGet();
        DeviceCommandMessage command;
        try {
            command = DevicePayloads.mapper().readValue(payload, DeviceCommandMessage.class);
        }
        catch (RuntimeException e) {
            log.warn("{} cannot read a command ({}); left unanswered", controller.deviceId(), e.getMessage());
            return;
        }
        Instant now = clock.instant();
        if (!now.isBefore(command.expiresAt())) {
            log.info("{} ignores command {}: it expired at {}", controller.deviceId(), command.commandId(), command.expiresAt());
            return;
        }
        CommandAckMessage ack = controller.accept(command, now);
        try {
            client.publish(ackTopic.apply(controller), DevicePayloads.write(ack), 1, false);
            acknowledged.incrementAndGet();
        }
        catch (MqttException e) {
            // the platform publishes the command again only if it expires and the controller comes back; a lost
            // acknowledgement shows as EXPIRED, as it would for a real controller
            log.warn("{} could not acknowledge command {}: {}", controller.deviceId(), command.commandId(), e.getMessage());
        }
    }

    /** Commands received. */
    public long received() {
        return received.get();
    }

    /** Acknowledgements handed to the broker. */
    public long acknowledged() {
        return acknowledged.get();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        if (running) {
            log.warn("Controllers lost the MQTT connection: {}", response.getReasonString());
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("MQTT error on the controllers' connection: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }

    @Override
    public void close() {
        running = false;
        worker.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            }
            client.close(true);
        }
        catch (MqttException e) {
            log.debug("Closing the controllers' connection: {}", e.getMessage());
        }
    }
}
