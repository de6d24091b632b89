package org.communitycarbon.infra;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import kafka.server.BrokerServer;

/**
 * A single-node Kafka 4 broker in KRaft mode (spring-kafka-test's {@link EmbeddedKafkaKraftBroker}).
 * It listens on a free port chosen at start.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    public static EmbeddedKafkaServer start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        // A port of our choosing, so that the broker comes back where clients expect it after stopBroker().
        broker.kafkaPorts(FreePorts.any());
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

    /**
     * Stops the broker as an outage would, keeping its logs and the KRaft controller: clients cannot reach it
     * until {@link #startBroker()}.
     */
    public void stopBroker() {
        BrokerServer server = server();
        server.shutdown();
        server.awaitShutdown();
    }

    /**
     * Starts the broker again on the same port with the same logs. It may take a few seconds to be registered again:
     * the controller first expires the session of the broker that was stopped.
     */
    public void startBroker() {
        server().startup();
    }

    private BrokerServer server() {
        return broker.getCluster().brokers().values().iterator().next();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
