package org.communitycarbon.sensing;

import java.util.List;

import org.communitycarbon.model.control.ControlTopics;
import org.communitycarbon.model.sensing.ScaleTopics;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.support.PlatformApplication;
import org.communitycarbon.support.messaging.PlatformKafkaProperties;
import org.communitycarbon.support.messaging.Topics;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.kafka.core.KafkaAdmin;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SensingServiceApplication {

    public static final String NAME = "sensing-service";

    public static void main(String[] args) {
        PlatformApplication.run(SensingServiceApplication.class, NAME, args);
    }

    @Bean
    KafkaAdmin.NewTopics sensingTopics(PlatformKafkaProperties settings) {
        return Topics.declare(settings,
                List.of(SensingTopics.METER_READINGS, SensingTopics.WASTE_DEPOSITS, SensingTopics.BIN_STATUSES,
                        SensingTopics.ENVIRONMENT_OBSERVATIONS, ControlTopics.COMMAND_ACKS, ControlTopics.CONTROLLER_STATUSES,
                        ScaleTopics.SCALE_WEIGHINGS),
                List.of(SensingTopics.MQTT_DEAD_LETTERS, ControlTopics.COMMAND_ACKS));
    }
}
