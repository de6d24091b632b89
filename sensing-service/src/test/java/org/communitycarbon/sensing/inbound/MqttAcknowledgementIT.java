package org.communitycarbon.sensing.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.MqttTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A message is acknowledged to the MQTT broker only after Kafka acknowledged its record: an instance that
 * received it but could not hand it to Kafka, then crashed, leaves it with the broker, which delivers it
 * again to the next instance under the same session.
 * <p>
 * The adapters here subscribe to a topic root of their own ({@code acktest/...}), which the device API does
 * not know, so the record they make is a dead letter — the path is the same as for an accepted reading, and
 * no other subscriber in this JVM sees these messages.
 */
class MqttAcknowledgementIT {

    private final EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();
    private final EventCodec codec = EventCodec.create();
    private final DeviceMessageTranslator translator = new DeviceMessageTranslator(codec,
            new IngestSettings(Duration.ofMinutes(5), Duration.ofDays(7), 65536), new RegisteredDevices());

    @Test
    void aMessageNotYetInKafkaIsDeliveredAgainAfterACrash() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "acktest/" + run + "/electricity-meter/em-1/reading";
        MqttSettings settings = new MqttSettings(infra.mqtt().url(), "ack-" + run, infra.mqtt().platformUsername(),
                infra.mqtt().platformPassword(), "ack-" + run,
                "acktest/" + run + "/#", Duration.ofMinutes(5), 100, 30, 2);

        var unreachableKafka = template(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500));
        var firstForwarder = new DeviceMessageForwarder(translator, unreachableKafka, codec, Clock.systemUTC(), new SimpleMeterRegistry());
        var first = new MqttSubscriber(settings, firstForwarder, Clock.systemUTC());
        first.start();
        await().atMost(Duration.ofSeconds(10)).until(first::isSubscribed);
        try (var device = MqttTestClient.platform(infra.mqtt())) {
            device.publish(topic, "{\"run\":\"" + run + "\"}");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> first.unacknowledged() == 1);

        first.crash();
        firstForwarder.close();
        unreachableKafka.destroy();

        var kafka = template(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers()));
        var second = new MqttSubscriber(settings, new DeviceMessageForwarder(translator, kafka, codec, Clock.systemUTC(),
                new SimpleMeterRegistry()), Clock.systemUTC());
        second.start();
        try (var dlt = new KafkaTestConsumer(infra.kafka().bootstrapServers(), SensingTopics.MQTT_DEAD_LETTERS)) {
            var record = dlt.await(r -> topic.equals(r.key()), Duration.ofSeconds(30));
            assertThat(KafkaTestConsumer.value(record)).contains(run);
        }
        finally {
            second.stop();
            kafka.destroy();
        }
    }

    private static KafkaTemplate<String, byte[]> template(Map<String, Object> properties) {
        var factory = new DefaultKafkaProducerFactory<String, byte[]>(properties, new StringSerializer(), new ByteArraySerializer());
        return new KafkaTemplate<>(factory);
    }
}
