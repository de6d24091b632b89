package org.communitycarbon.sensing.inbound;

import java.time.Clock;

import org.communitycarbon.sensing.health.DeviceHealth;
import org.communitycarbon.sensing.registry.DeviceDirectory;
import org.communitycarbon.support.messaging.EventCodec;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class InboundConfiguration {

    /** Devices may write enum values in any case ({@code "perishable"} or {@code "PERISHABLE"}). */
    @Bean
    DeviceMessageTranslator deviceMessageTranslator(IngestSettings settings, DeviceDirectory devices) {
        return new DeviceMessageTranslator(EventCodec.lenientEnums(), settings, devices);
    }

    @Bean
    MqttDeadLetterRedrive mqttDeadLetterRedrive(DeviceMessageTranslator translator, EventCodec codec) {
        return new MqttDeadLetterRedrive(translator, codec);
    }

    @Bean
    @SuppressWarnings("unchecked")
    DeviceMessageForwarder deviceMessageForwarder(DeviceMessageTranslator translator, KafkaTemplate<?, ?> kafka, EventCodec codec,
            Clock clock, MeterRegistry meters, DeviceHealth health) {
        return new DeviceMessageForwarder(translator, (KafkaTemplate<String, byte[]>) kafka, codec, clock, meters,
                (accepted, receivedAt) -> {
                    // The key is communityId/deviceId; neither contains a '/'.
                    int slash = accepted.key().indexOf('/');
                    health.heard(accepted.key().substring(0, slash), accepted.key().substring(slash + 1), accepted.deviceType(),
                            accepted.event().occurredAt(), receivedAt, accepted.batteryLevel());
                });
    }

    @Bean
    MqttSubscriber mqttSubscriber(MqttSettings mqtt, DeviceMessageForwarder forwarder, Clock clock, MeterRegistry meters) {
        MqttSubscriber subscriber = new MqttSubscriber(mqtt, forwarder, clock);
        Gauge.builder("sensing.mqtt.unacknowledged", subscriber, MqttSubscriber::unacknowledged)
                .description("MQTT messages received and not yet acknowledged to the broker (not yet safe in Kafka)")
                .register(meters);
        return subscriber;
    }

    /** DOWN until connected and subscribed to the broker, so an orchestrator does not count this instance in. */
    @Bean
    HealthIndicator mqtt(MqttSubscriber subscriber, MqttSettings settings) {
        return () -> (subscriber.isSubscribed() ? Health.up() : Health.down())
                .withDetail("broker", settings.url())
                .withDetail("subscription", settings.subscription())
                .withDetail("unacknowledged", subscriber.unacknowledged())
                .build();
    }
}
