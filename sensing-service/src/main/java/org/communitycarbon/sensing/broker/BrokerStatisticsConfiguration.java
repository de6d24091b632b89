package org.communitycarbon.sensing.broker;

import org.communitycarbon.sensing.inbound.MqttSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Where the broker's figures come from: {@code platform.mqtt.broker-statistics=mosquitto-sys} reads Mosquitto's
 * {@code $SYS} topics; the local run registers its embedded broker's figures as a {@link BrokerStatistics} bean.
 */
@Configuration(proxyBeanMethods = false)
class BrokerStatisticsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "platform.mqtt.broker-statistics", havingValue = "mosquitto-sys")
    MosquittoSysStatistics mosquittoSysStatistics(MqttSettings mqtt) {
        return new MosquittoSysStatistics(mqtt);
    }

    /** Binds the broker's figures when something reports them; without, there are no broker metrics. */
    @Bean
    MeterBinder brokerMetrics(ObjectProvider<BrokerStatistics> broker) {
        return registry -> broker.ifAvailable(statistics -> new BrokerMetrics(statistics).bindTo(registry));
    }
}
