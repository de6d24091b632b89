package org.communitycarbon.sensing.inbound;

import java.time.Clock;

import org.communitycarbon.support.messaging.EventCodec;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class InboundConfiguration {

    /** Devices may write enum values in any case ({@code "perishable"} or {@code "PERISHABLE"}). */
    @Bean
    DeviceMessageTranslator deviceMessageTranslator(IngestSettings settings) {
        return new DeviceMessageTranslator(EventCodec.lenientEnums(), settings);
    }

    @Bean
    @SuppressWarnings("unchecked")
    MqttReadingInbound mqttReadingInbound(MqttSettings mqtt, DeviceMessageTranslator translator, KafkaTemplate<?, ?> kafka,
            EventCodec codec, Clock clock, MeterRegistry meters) {
        return new MqttReadingInbound(mqtt, translator, (KafkaTemplate<String, byte[]>) kafka, codec, clock, meters);
    }

    /** DOWN until connected and subscribed to the broker, so an orchestrator does not count this instance in. */
    @Bean
    HealthIndicator mqtt(MqttReadingInbound inbound, MqttSettings settings) {
        return () -> (inbound.isSubscribed() ? Health.up() : Health.down())
                .withDetail("broker", settings.url())
                .withDetail("subscription", settings.subscription())
                .build();
    }
}
