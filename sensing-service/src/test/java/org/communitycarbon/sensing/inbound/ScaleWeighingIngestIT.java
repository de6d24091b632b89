package org.communitycarbon.sensing.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.sensing.ScaleTopics;
import org.communitycarbon.model.sensing.ScaleWeighingReported;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.sensing.SensingServiceTest;
import org.communitycarbon.sensing.TestRegistry;
import org.communitycarbon.sensing.credentials.MqttAccounts;
import org.communitycarbon.sensing.registry.DeviceDirectory;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.MqttTestClient;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

/**
 * A connected recycling scale, registered to a community like any device and with its own MQTT account, publishes a
 * weighing over the real broker; the sensing service forwards it to {@value ScaleTopics#SCALE_WEIGHINGS}, keyed by
 * community and scale, with an id derived from the scale's weighing id, and dead-letters a malformed one alone.
 */
@SensingServiceTest
class ScaleWeighingIngestIT {

    @Autowired
    EventCodec codec;

    @Autowired
    MockMvc mockMvc;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    DeviceDirectory directory;

    @Autowired
    MqttAccounts accounts;

    private final EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();
    private final MqttTestClient scale = MqttTestClient.platform(infra.mqtt());
    private final String community = "c-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String pickup = UUID.randomUUID().toString();

    @BeforeEach
    void registerTheScale() throws Exception {
        TestRegistry.of(mockMvc, community).scale("scale-1", "dp1").scale("scale-2", "dp1").register(directory);
    }

    @AfterEach
    void disconnect() {
        scale.close();
    }

    @Test
    void aScaleHasItsOwnAccountThatMayPublishOnlyItsWeighings() {
        MvcTestResult issued = mvc.post().uri("/api/sensing/communities/{c}/mqtt-accounts", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community)))
                .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"device\",\"name\":\"scale-1\"}").exchange();
        assertThat(issued).hasStatus(HttpStatus.CREATED);
        String body = new String(issued.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        String username = JsonPath.read(body, "$.username");
        MqttAccounts.Decision decision = accounts.connect(username, JsonPath.<String>read(body, "$.password").getBytes(StandardCharsets.UTF_8),
                username);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.permissions().mayPublish("cc/" + community + "/recycling-scale/scale-1/weighing")).isTrue();
        assertThat(decision.permissions().mayPublish("cc/" + community + "/recycling-scale/scale-2/weighing")).isFalse();
    }

    @Test
    void forwardsAWeighingTwiceWithOneEventIdAndDeadLettersAMalformedOneAlone() {
        String topic = "cc/" + community + "/recycling-scale/scale-1/weighing";
        String weighing = "{\"dateObserved\":\"" + now + "\",\"weighingId\":\"w-1\",\"pickupId\":\"" + pickup
                + "\",\"category\":\"PAPER\",\"weight\":2.0}";
        String tooHeavy = "{\"dateObserved\":\"" + now + "\",\"weighingId\":\"w-2\",\"pickupId\":\"" + pickup
                + "\",\"category\":\"PAPER\",\"weight\":1000.5}";
        String after = "{\"dateObserved\":\"" + now + "\",\"weighingId\":\"w-3\",\"pickupId\":\"" + pickup
                + "\",\"category\":\"PAPER\",\"weight\":1.2}";

        try (var weighings = new KafkaTestConsumer(infra.kafka().bootstrapServers(), ScaleTopics.SCALE_WEIGHINGS);
                var dlt = new KafkaTestConsumer(infra.kafka().bootstrapServers(), SensingTopics.MQTT_DEAD_LETTERS)) {
            scale.publish(topic, weighing);
            scale.publish(topic, weighing);
            scale.publish(topic, tooHeavy);
            scale.publish(topic, after);

            ConsumerRecord<String, byte[]> dead = dlt.await(r -> topic.equals(r.key()), Duration.ofSeconds(20));
            assertThat(KafkaTestConsumer.value(dead)).isEqualTo(tooHeavy);
            assertThat(KafkaTestConsumer.header(dead, SensingTopics.HEADER_FIELD)).isEqualTo("weight");
            assertThat(KafkaTestConsumer.header(dead, SensingTopics.HEADER_REASON)).startsWith("weight:");

            weighings.await(r -> KafkaTestConsumer.value(r).contains(community) && KafkaTestConsumer.value(r).contains("w-3"),
                    Duration.ofSeconds(20));
            List<ConsumerRecord<String, byte[]>> forCommunity = weighings.drain(Duration.ofSeconds(1)).stream()
                    .filter(r -> KafkaTestConsumer.value(r).contains(community)).toList();
            List<ScaleWeighingReported> events = forCommunity.stream()
                    .map(r -> codec.decode(r.value(), ScaleWeighingReported.class)).toList();
            assertThat(forCommunity).allSatisfy(r -> assertThat(r.key()).isEqualTo(community + "/scale-1"));
            assertThat(events).extracting(ScaleWeighingReported::weighingId).containsExactly("w-1", "w-1", "w-3");
            assertThat(events.get(0).eventId()).isEqualTo(events.get(1).eventId())
                    .isEqualTo(ScaleWeighingReported.eventIdOf(community, "scale-1", "w-1"));
            events.forEach(ScaleWeighingReported::validate);
            assertThat(events.get(2).weight().value()).isEqualByComparingTo("1.2");
            assertThat(events.get(2).pickupId()).hasToString(pickup);
        }
    }
}
