package org.communitycarbon.accounting;

import java.util.List;

import org.communitycarbon.model.accounting.AccountingTopics;
import org.communitycarbon.model.recycling.SettlementTopics;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.support.PlatformApplication;
import org.communitycarbon.support.messaging.PlatformKafkaProperties;
import org.communitycarbon.support.messaging.Topics;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CarbonAccountingServiceApplication {

    public static final String NAME = "carbon-accounting-service";

    public static void main(String[] args) {
        PlatformApplication.run(CarbonAccountingServiceApplication.class, NAME, args);
    }

    @Bean
    KafkaAdmin.NewTopics accountingTopics(PlatformKafkaProperties settings) {
        return Topics.declare(settings, List.of(AccountingTopics.CARBON_REDUCTIONS),
                List.of(SensingTopics.METER_READINGS, SensingTopics.WASTE_DEPOSITS, RegistryTopics.COMMUNITIES, RegistryTopics.PLACES,
                        RegistryTopics.DEVICES, SettlementTopics.PICKUP_SETTLEMENTS));
    }
}
