package org.communitycarbon.ops;

import java.util.List;

import org.communitycarbon.model.audit.AuditTopics;
import org.communitycarbon.model.ops.OpsTopics;
import org.communitycarbon.model.recycling.RecyclingTopics;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.support.PlatformApplication;
import org.communitycarbon.support.messaging.PlatformKafkaProperties;
import org.communitycarbon.support.messaging.Topics;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Starts the ops-ticket service, which turns problems seen in sensor data into work orders and keeps the platform's audit log. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OpsTicketServiceApplication {

    public static final String NAME = "ops-ticket-service";

    public static void main(String[] args) {
        PlatformApplication.run(OpsTicketServiceApplication.class, NAME, args);
    }

    @Bean
    KafkaAdmin.NewTopics opsTopics(PlatformKafkaProperties settings) {
        return Topics.declare(settings, List.of(OpsTopics.ALERTS, OpsTopics.WORK_ORDERS, OpsTopics.ESCALATIONS),
                List.of(SensingTopics.BIN_STATUSES, RegistryTopics.DEVICE_STATUS, RegistryTopics.DEVICES, AuditTopics.AUDIT,
                        RecyclingTopics.PICKUP_DEADLINES, RecyclingTopics.PICKUPS));
    }
}
