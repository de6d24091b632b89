package org.communitycarbon.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

class EmbeddedInfrastructureIT {

    private final EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.shared();

    @Test
    void postgresIsARealPostgreSql17() throws Exception {
        try (Connection connection = infrastructure.postgres().adminDataSource().getConnection();
                ResultSet version = connection.createStatement().executeQuery("SHOW server_version")) {
            version.next();
            assertThat(version.getString(1)).startsWith("17.");
        }
    }

    @Test
    void kafkaIsARealBroker() throws Exception {
        String bootstrap = infrastructure.kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("infra-check", 1, (short) 1))).all().get();
        }
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("infra-check", "k", "hello")).get();
        }
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-check");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("infra-check"));
            List<String> values = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return !values.isEmpty();
            });
            assertThat(values).containsExactly("hello");
        }
    }

    @Test
    void mqttBrokerDeliversSharedSubscriptionsThroughTheClientCallback() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        MqttClient subscriber = new MqttClient(infrastructure.mqtt().url(), "infra-sub", new MemoryPersistence());
        subscriber.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(topic + "=" + new String(message.getPayload(), StandardCharsets.UTF_8));
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
        });
        subscriber.connect(platformAccount(infrastructure));
        subscriber.subscribe("$share/infra/cc/+/check", 1);

        MqttClient publisher = new MqttClient(infrastructure.mqtt().url(), "infra-pub", new MemoryPersistence());
        publisher.connect(platformAccount(infrastructure));
        publisher.publish("cc/c1/check", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8), 1, false);

        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        assertThat(received).containsExactly("cc/c1/check={\"ok\":true}");
        publisher.disconnect();
        subscriber.disconnect();
    }

    @Test
    void aServerThatCannotStartStopsThoseThatDid() throws Exception {
        int postgresPort = FreePorts.any();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            java.nio.file.Path work = java.nio.file.Files.createTempDirectory("failed-start-");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedInfrastructure.start(
                    new EmbeddedInfrastructure.Ports(postgresPort, taken.getLocalPort(), "127.0.0.1"), work, true))
                    .hasMessageContaining("Port " + taken.getLocalPort() + " for the MQTT broker is in use");
            assertThat(FreePorts.requireFree(postgresPort, "PostgreSQL")).as("PostgreSQL was stopped again").isEqualTo(postgresPort);
            assertThat(work).doesNotExist();
        }
    }

    private static MqttConnectionOptions platformAccount(EmbeddedInfrastructure infrastructure) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(infrastructure.mqtt().platformUsername());
        options.setPassword(infrastructure.mqtt().platformPassword().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return options;
    }
}
