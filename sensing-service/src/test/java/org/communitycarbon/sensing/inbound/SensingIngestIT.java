package org.communitycarbon.sensing.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.sensing.SensingServiceTest;
import org.communitycarbon.sensing.TestRegistry;
import org.communitycarbon.sensing.registry.DeviceDirectory;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.MqttTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@SensingServiceTest
class SensingIngestIT {

    @Autowired
    EventCodec codec;

    private final EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();
    private final MqttTestClient device = MqttTestClient.platform(infra.mqtt());
    private final String community = "c-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    MockMvc mvc;

    @Autowired
    DeviceDirectory directory;

    @BeforeEach
    void registerTheDevices() throws Exception {
        TestRegistry.of(mvc, community)
                .meter("em-1", DeviceType.ELECTRICITY_METER, "b01-0101")
                .meter("gm-9", DeviceType.GAS_METER, "h1")
                .meter("gm-10", DeviceType.GAS_METER, "h1")
                .household("b02-0304")
                .bin("bin-dp1-perishable", "dp1")
                .register(directory);
    }

    @AfterEach
    void disconnect() {
        device.close();
    }

    @Test
    void publishesAMeterReadingToKafkaKeyedByCommunityAndDevice() {
        device.publish("cc/" + community + "/electricity-meter/em-1/reading",
                "{\"dateObserved\":\"" + now + "\",\"householdId\":\"b01-0101\",\"totalActiveEnergyImport\":1000.5}");

        try (var readings = new KafkaTestConsumer(infra.kafka().bootstrapServers(), SensingTopics.METER_READINGS)) {
            ConsumerRecord<String, byte[]> record = readings.await(
                    r -> (community + "/em-1").equals(r.key()) && KafkaTestConsumer.value(r).contains(community), Duration.ofSeconds(20));
            MeterReadingReceived reading = codec.decode(record.value(), MeterReadingReceived.class);
            assertThat(reading.householdId()).isEqualTo("b01-0101");
            assertThat(reading.register().value()).isEqualByComparingTo("1000.5");
            assertThat(reading.occurredAt()).isEqualTo(now);
        }
    }

    @Test
    void publishesADepositTwiceWithTheSameEventId() {
        String deposit = "{\"dateObserved\":\"" + now + "\",\"householdId\":\"b02-0304\",\"wasteKind\":\"PERISHABLE\",\"weight\":0.8,\"correctlySorted\":true}";
        device.publish("cc/" + community + "/waste-bin/bin-dp1-perishable/deposit", deposit);
        device.publish("cc/" + community + "/waste-bin/bin-dp1-perishable/deposit", deposit);

        try (var deposits = new KafkaTestConsumer(infra.kafka().bootstrapServers(), SensingTopics.WASTE_DEPOSITS)) {
            deposits.await(r -> KafkaTestConsumer.value(r).contains(community), Duration.ofSeconds(20));
            var forCommunity = deposits.drain(Duration.ofSeconds(1)).stream()
                    .filter(r -> KafkaTestConsumer.value(r).contains(community))
                    .map(r -> codec.decode(r.value(), WasteDeposited.class)).toList();
            assertThat(forCommunity).hasSize(2);
            assertThat(forCommunity.get(0).eventId()).isEqualTo(forCommunity.get(1).eventId());
        }
    }

    @Test
    void publishesTheKindABinsCameraRecognised() {
        String deposit = "{\"dateObserved\":\"" + now + "\",\"householdId\":\"b02-0304\",\"wasteKind\":\"residual\",\"weight\":0.3,"
                + "\"correctlySorted\":false,\"detectedKind\":\"perishable\"}";
        device.publish("cc/" + community + "/waste-bin/bin-dp1-perishable/deposit", deposit);

        try (var deposits = new KafkaTestConsumer(infra.kafka().bootstrapServers(), SensingTopics.WASTE_DEPOSITS)) {
            ConsumerRecord<String, byte[]> record = deposits.await(r -> KafkaTestConsumer.value(r).contains(community)
                    && KafkaTestConsumer.value(r).contains("RESIDUAL"), Duration.ofSeconds(20));
            WasteDeposited published = codec.decode(record.value(), WasteDeposited.class);
            assertThat(published.detectedKind()).isEqualTo(org.communitycarbon.model.sensing.WasteKind.PERISHABLE);
            assertThat(published.correctlySorted()).isFalse();
            assertThat(published.recognisedAsOtherKind()).isTrue();
        }
    }

    @Test
    void deadLettersAMalformedMessageWithItsReasonAndBytesAndKeepsGoing() {
        String topic = "cc/" + community + "/gas-meter/gm-9/reading";
        String malformed = "{\"dateObserved\":\"" + now + "\",\"householdId\":\"h1\",\"gasConsumption\":\"lots\"}";

        try (var dlt = new KafkaTestConsumer(infra.kafka().bootstrapServers(), SensingTopics.MQTT_DEAD_LETTERS);
                var readings = new KafkaTestConsumer(infra.kafka().bootstrapServers(), SensingTopics.METER_READINGS)) {
            device.publish(topic, malformed);
            device.publish(topic.replace("gm-9", "gm-10"),
                    "{\"dateObserved\":\"" + now + "\",\"householdId\":\"h1\",\"gasConsumption\":12.5}");

            ConsumerRecord<String, byte[]> dead = dlt.await(r -> topic.equals(r.key()), Duration.ofSeconds(20));
            assertThat(KafkaTestConsumer.value(dead)).isEqualTo(malformed);
            assertThat(KafkaTestConsumer.header(dead, SensingTopics.HEADER_FIELD)).isEqualTo("gasConsumption");
            assertThat(KafkaTestConsumer.header(dead, SensingTopics.HEADER_REASON)).startsWith("gasConsumption:");
            assertThat(KafkaTestConsumer.header(dead, SensingTopics.HEADER_MQTT_TOPIC)).isEqualTo(topic);
            readings.await(r -> (community + "/gm-10").equals(r.key()) && KafkaTestConsumer.value(r).contains(community), Duration.ofSeconds(20));
        }
    }
}
