package org.communitycarbon.infra;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A single-node Kafka 4 broker in KRaft mode (spring-kafka-test's {@link EmbeddedKafkaKraftBroker}).
 * It listens on a port of its own choosing: the KRaft test kit cannot bind a fixed one.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    public static EmbeddedKafkaServer start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        // The broker publishes its address as a system property; keep it out of Spring's own key so that
        // nothing in the JVM silently picks it up. Services get the address explicitly.
        broker.brokerListProperty("platform.embedded.kafka.brokers");
        // Services declare their topics; a typo must not create a new one.
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "offsets.topic.num.partitions", "5",
                "num.partitions", "1"));
        broker.afterPropertiesSet();
        return new EmbeddedKafkaServer(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
