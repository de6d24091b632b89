package org.communitycarbon.simulator.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
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
 * The Eclipse Paho MQTT v5 asynchronous client, publishing with QoS 1. It keeps nothing on disk
 * ({@link MemoryPersistence}, see PITFALLS.md) and starts a clean session: a publisher has no
 * subscriptions to keep, and a message that was in flight when the connection dropped is reported as
 * failed and published again by {@link ReliablePublisher}.
 * <p>
 * Paho's own automatic reconnect is off on purpose: it does not cover the first connection (a
 * simulator started before its broker would give up), and its reconnect timer thread outlives
 * {@code close()} while the broker is down. {@link ReliablePublisher} reconnects instead, with back-off.
 */
public final class PahoChannel implements PublishChannel {

    private static final Logger log = LoggerFactory.getLogger(PahoChannel.class);

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private volatile int receiveMaximum = 65_535;

    /**
     * @param serverUri e.g. {@code tcp://localhost:1883} or {@code ssl://broker:8883}
     * @param username for brokers that require authentication; blank or null for none
     */
    public PahoChannel(String serverUri, String clientId, @Nullable String username, @Nullable String password) {
        try {
            this.client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        }
        catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("mqttUrl: cannot use '" + serverUri + "': " + e.getMessage(), e);
        }
        client.setCallback(new ConnectionLogger());
        options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        if (username != null && !username.isBlank()) {
            options.setUserName(username);
        }
        if (password != null && !password.isEmpty()) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void connect(Duration timeout) throws MqttException, InterruptedException {
        CompletableFuture<IMqttToken> connected = new CompletableFuture<>();
        client.connect(options, null, new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                connected.complete(token);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                connected.completeExceptionally(cause);
            }
        });
        try {
            IMqttToken token = connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            MqttProperties properties = token.getResponseProperties();
            Integer brokerMaximum = properties == null ? null : properties.getReceiveMaximum();
            receiveMaximum = brokerMaximum == null || brokerMaximum <= 0 ? 65_535 : brokerMaximum;
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof MqttException mqtt ? mqtt
                    : new MqttException(MqttClientException.REASON_CODE_UNEXPECTED_ERROR, e.getCause());
        }
        catch (TimeoutException e) {
            throw new MqttException(MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
        }
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public int receiveMaximum() {
        return receiveMaximum;
    }

    @Override
    public void publish(String topic, byte[] payload, Delivery delivery) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(false);
        client.publish(topic, message, null, new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                delivery.delivered();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                delivery.failed(cause);
            }
        });
    }

    @Override
    public String serverUri() {
        return client.getServerURI();
    }

    public String clientId() {
        return client.getClientId();
    }

    @Override
    public void close(Duration quiesce) {
        try {
            if (client.isConnected()) {
                client.disconnect(quiesce.toMillis()).waitForCompletion(quiesce.toMillis() + 1000);
            }
        }
        catch (MqttException e) {
            log.debug("disconnect from {} did not complete cleanly: {}", serverUri(), e.toString());
        }
        try {
            client.close(true);
        }
        catch (MqttException e) {
            log.debug("closing the MQTT client failed: {}", e.toString());
        }
    }

    /** Logs connection changes; runs on Paho's callback thread, so it only logs. */
    private final class ConnectionLogger implements MqttCallback {

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            MqttException cause = response.getException();
            log.warn("Lost the connection to {}: {}; reconnecting", serverUri(),
                    cause != null ? cause.getMessage() : response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("MQTT error from {}: {}", serverUri(), exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // The simulator subscribes to nothing.
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Deliveries are handled per message by their action listener.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // ReliablePublisher logs connections.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
