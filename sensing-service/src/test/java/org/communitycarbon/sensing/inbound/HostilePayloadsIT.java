package org.communitycarbon.sensing.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.sensing.MeterReadingReceived;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.sensing.SensingServiceTest;
import org.communitycarbon.sensing.TestRegistry;
import org.communitycarbon.sensing.registry.DeviceDirectory;
import org.communitycarbon.support.messaging.DeadLetters;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.MqttTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * A corpus of hostile payloads driven through the running sensing service over MQTT: each gets a bounded dead
 * letter and at most a bounded log line, nothing stalls, and a good reading published afterwards is forwarded
 * at once.
 */
@SensingServiceTest
class HostilePayloadsIT {

    @Autowired
    EventCodec codec;

    private final EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();
    private final MqttTestClient device = MqttTestClient.platform(infra.mqtt());
    private final String community = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
    private final String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    @Autowired
    MockMvc mvc;

    @Autowired
    DeviceDirectory directory;

    /** Every meter of the corpus is registered, so that its payload is read rather than refused unread. */
    @BeforeEach
    void registerTheMeters() throws Exception {
        TestRegistry registry = TestRegistry.of(mvc, community).meter("em-good", DeviceType.ELECTRICITY_METER, "b01-0101");
        for (String topic : corpus().keySet()) {
            String[] levels = topic.split("/");
            if (levels.length == 5 && levels[1].equals(community) && levels[2].equals("electricity-meter")) {
                registry.meter(levels[3], DeviceType.ELECTRICITY_METER, "b01-0101");
            }
        }
        registry.register(directory);
    }

    @AfterEach
    void disconnect() {
        device.close();
    }

    @Test
    void everyHostilePayloadIsDeadLetteredBoundedAndAGoodReadingStillFlows() {
        ListAppender<ILoggingEvent> logLines = new ListAppender<>();
        logLines.start();
        Logger rejectionLog = (Logger) LoggerFactory.getLogger(RejectionLog.class);
        rejectionLog.addAppender(logLines);
        Map<String, byte[]> corpus = corpus();
        try (var dlt = new KafkaTestConsumer(infra.kafka().bootstrapServers(), SensingTopics.MQTT_DEAD_LETTERS);
                var readings = new KafkaTestConsumer(infra.kafka().bootstrapServers(), SensingTopics.METER_READINGS)) {
            corpus.forEach(device::publish);

            for (var hostile : corpus.entrySet()) {
                String key = hostile.getKey().length() > 512 ? hostile.getKey().substring(0, 511) + "…" : hostile.getKey();
                ConsumerRecord<String, byte[]> dead = dlt.await(r -> key.equals(r.key()), Duration.ofSeconds(30));
                assertThat(dead.value().length).as("dead letter of %s", abbreviated(key)).isLessThanOrEqualTo(DeadLetters.MAX_VALUE_BYTES);
                assertThat(KafkaTestConsumer.header(dead, SensingTopics.HEADER_REASON)).as("reason for %s", abbreviated(key))
                        .isNotBlank().hasSizeLessThanOrEqualTo(300);
                if (hostile.getValue().length > DeadLetters.MAX_VALUE_BYTES) {
                    assertThat(KafkaTestConsumer.header(dead, DeadLetters.HEADER_ORIGINAL_SIZE))
                            .isEqualTo(Integer.toString(hostile.getValue().length));
                }
            }

            device.publish("cc/" + community + "/electricity-meter/em-good/reading",
                    "{\"dateObserved\":\"" + now + "\",\"householdId\":\"b01-0101\",\"totalActiveEnergyImport\":1000.5}");
            ConsumerRecord<String, byte[]> good = readings.await(r -> (community + "/em-good").equals(r.key()), Duration.ofSeconds(10));
            MeterReadingReceived reading = codec.decode(good.value(), MeterReadingReceived.class);
            assertThat(Duration.between(reading.receivedAt(), Instant.ofEpochMilli(good.timestamp())))
                    .as("from the sensing service receiving the good reading to Kafka having it")
                    .isLessThan(Duration.ofSeconds(1));
        }
        finally {
            rejectionLog.detachAppender(logLines);
        }
        assertThat(logLines.list).allSatisfy(line -> assertThat(line.getFormattedMessage()).hasSizeLessThanOrEqualTo(600));
    }

    private Map<String, byte[]> corpus() {
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        String meter = "cc/" + community + "/electricity-meter/";
        corpus.put(meter + "em-exponent/reading", reading("1e999999999"));
        corpus.put(meter + "em-tiny/reading", reading("1e-999999999"));
        corpus.put(meter + "em-long-number/reading", reading("1" + "0".repeat(10_000)));
        corpus.put(meter + "em-ten-megabytes/reading", ("{\"x\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
        corpus.put(meter + "em-deep/reading", "[".repeat(50_000).getBytes(StandardCharsets.UTF_8));
        corpus.put(meter + "em-deep-object/reading", "{\"a\":".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        byte[] invalidUtf8 = ("{\"dateObserved\":\"" + now + "\",\"householdId\":\"b\u0001\",\"totalActiveEnergyImport\":1}")
                .getBytes(StandardCharsets.UTF_8);
        invalidUtf8[invalidUtf8.length - 40] = (byte) 0xC3;
        invalidUtf8[invalidUtf8.length - 39] = (byte) 0x28;
        corpus.put(meter + "em-invalid-utf8/reading", invalidUtf8);
        corpus.put(meter + "em-attributes/reading", attributes(100_000));
        corpus.put(meter + "em-some-attributes/reading", attributes(6_000));
        corpus.put(meter + "em-long-string/reading", ("{\"dateObserved\":\"" + now + "\",\"householdId\":\"" + "h".repeat(4_000)
                + "\",\"totalActiveEnergyImport\":1}").getBytes(StandardCharsets.UTF_8));
        corpus.put(meter + "em-nan/reading", reading("NaN"));
        corpus.put(meter + "em-garbage/reading", new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 0x7b});
        corpus.put(meter + "em-empty/reading", new byte[0]);
        corpus.put("cc/" + "x/".repeat(10_000) + "reading", reading("1"));
        corpus.put("cc/" + community + "/" + "t".repeat(5_000) + "/em-1/reading", reading("1"));
        return corpus;
    }

    private byte[] reading(String register) {
        return ("{\"dateObserved\":\"" + now + "\",\"householdId\":\"b01-0101\",\"totalActiveEnergyImport\":" + register + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] attributes(int count) {
        List<String> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pairs.add("\"a" + i + "\":1");
        }
        return ("{" + String.join(",", pairs) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviated(String topic) {
        return topic.length() > 80 ? topic.substring(0, 80) + "…" : topic;
    }
}
