package org.communitycarbon.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The yardstick for the sensing service: the least an MQTT-to-Kafka bridge that loses nothing must do. A Paho
 * v5 client on a shared subscription with manual acknowledgements forwards each message's bytes to Kafka
 * (same producer settings as the platform: {@code acks=all}, idempotent, linger 5 ms) and acknowledges it to
 * the broker once Kafka has — no parsing, no validation, no metrics. Same receive maximum as the sensing
 * service.
 */
final class BareBridge implements MqttCallback, AutoCloseable {

    private final MqttAsyncClient client;
    private final KafkaProducer<String, byte[]> producer;
    private final String kafkaTopic;
    private final AtomicLong forwarded = new AtomicLong();
    private volatile long lastForwardedNanos;

    BareBridge(String mqttUrl, String username, String password, String filter, String bootstrapServers, String kafkaTopic,
            int receiveMaximum) throws MqttException {
        this.kafkaTopic = kafkaTopic;
        Properties properties = new Properties();
        properties.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", ProducerConfig.LINGER_MS_CONFIG, "5"));
        producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        client = new MqttAsyncClient(mqttUrl, "benchmark-bridge-" + System.nanoTime(), new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(this);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setReceiveMaximum(receiveMaximum);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options).waitForCompletion(10_000);
        client.subscribe("$share/benchmark-bridge/" + filter, 1).waitForCompletion(10_000);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        int id = message.getId();
        int qos = message.getQos();
        producer.send(new ProducerRecord<>(kafkaTopic, topic, message.getPayload()), (metadata, failure) -> {
            if (failure == null) {
                try {
                    client.messageArrivedComplete(id, qos);
                }
                catch (MqttException e) {
                    // the broker redelivers
                }
                forwarded.incrementAndGet();
                lastForwardedNanos = System.nanoTime();
            }
        });
    }

    long forwarded() {
        return forwarded.get();
    }

    long lastForwardedNanos() {
        return lastForwardedNanos;
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
    public void connectComplete(boolean reconnect, String serverURI) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }

    @Override
    public void close() throws MqttException {
        client.disconnect(2_000).waitForCompletion(3_000);
        client.close();
        producer.close();
    }
}
