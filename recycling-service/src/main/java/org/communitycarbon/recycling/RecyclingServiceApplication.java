package org.communitycarbon.recycling;

import java.util.List;

import org.communitycarbon.model.recycling.CreditRequestTopics;
import org.communitycarbon.model.recycling.RecyclingTopics;
import org.communitycarbon.model.recycling.SettlementTopics;
import org.communitycarbon.model.recycling.ToolTopics;
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

/**
 * The recycling service: the catalogue of recycling categories with their price and credit rate per kg,
 * licensed recyclers and their collectors, and residents' free door-to-door pickups, dispatched automatically to a
 * recycler and followed through their steps and deadlines, weighed and settled at the community's prices. It writes
 * every step of a pickup, every missed deadline and every settlement to Kafka through its outbox, and asks the credits
 * service to move credits for tools' deposits and the exchange's asking credits ({@code recycling.credit-requests},
 * answered on {@code credits.credit-request-outcomes}); it reads the registry's communities ({@code sensing.communities})
 * for the time zone its monthly report figures are cut in.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(CommunityZoneListener.class)
@EnableScheduling
public class RecyclingServiceApplication {

    public static final String NAME = "recycling-service";

    public static void main(String[] args) {
        PlatformApplication.run(RecyclingServiceApplication.class, NAME, args);
    }

    @Bean
    KafkaAdmin.NewTopics recyclingTopics(PlatformKafkaProperties settings) {
        return Topics.declare(settings, List.of(RecyclingTopics.PICKUPS, RecyclingTopics.PICKUP_DEADLINES,
                SettlementTopics.PICKUP_SETTLEMENTS, CreditRequestTopics.CREDIT_REQUESTS, ToolTopics.TOOL_REMINDERS),
                List.of(CreditRequestTopics.CREDIT_REQUEST_OUTCOMES));
    }
}
