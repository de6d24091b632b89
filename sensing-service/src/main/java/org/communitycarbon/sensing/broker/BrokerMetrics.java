package org.communitycarbon.sensing.broker;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The broker's figures as metrics: {@code mqtt_broker_queued_bytes}, {@code mqtt_broker_messages_dropped_total}
 * and {@code mqtt_broker_publishes_held}. Alerts fire on any drop (deploy/prometheus/alerts.yml).
 */
final class BrokerMetrics implements MeterBinder {

    private final BrokerStatistics broker;

    BrokerMetrics(BrokerStatistics broker) {
        this.broker = broker;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("mqtt.broker.queued", broker, b -> b.queuedBytes()).baseUnit("bytes")
                .description("Bytes the MQTT broker holds queued for subscribers (in flight included)")
                .register(registry);
        FunctionCounter.builder("mqtt.broker.messages.dropped", broker, b -> Math.max(0, b.droppedMessages()))
                .description("Messages the MQTT broker dropped since it started: over a queue limit, expired or undeliverable")
                .register(registry);
        Gauge.builder("mqtt.broker.publishes.held", broker, b -> b.heldPublishes())
                .description("Device publishes the broker holds back while the platform is behind (back-pressure)")
                .register(registry);
    }
}
