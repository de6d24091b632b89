package org.communitycarbon.credits;

import java.util.List;

import org.communitycarbon.model.accounting.AccountingTopics;
import org.communitycarbon.model.credits.CreditsTopics;
import org.communitycarbon.model.recycling.CreditRequestTopics;
import org.communitycarbon.model.recycling.SettlementTopics;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.support.PlatformApplication;
import org.communitycarbon.support.messaging.PlatformKafkaProperties;
import org.communitycarbon.support.messaging.Topics;
import org.communitycarbon.support.reports.CommunityZoneListener;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(CommunityZoneListener.class)
@EnableScheduling
public class CreditsServiceApplication {

    public static final String NAME = "credits-service";

    public static void main(String[] args) {
        PlatformApplication.run(CreditsServiceApplication.class, NAME, args);
    }

    @Bean
    KafkaAdmin.NewTopics creditsTopics(PlatformKafkaProperties settings) {
        return Topics.declare(settings, List.of(CreditsTopics.CREDITS_AWARDED, CreditsTopics.LEDGER_CHECKPOINTS, CreditsTopics.REDEMPTIONS,
                CreditsTopics.MERCHANT_DEBITS, CreditRequestTopics.CREDIT_REQUEST_OUTCOMES), List.of(AccountingTopics.CARBON_REDUCTIONS, SettlementTopics.PICKUP_SETTLEMENTS,
                CreditRequestTopics.CREDIT_REQUESTS, SensingTopics.WASTE_DEPOSITS, RegistryTopics.DEVICES));
    }
}
