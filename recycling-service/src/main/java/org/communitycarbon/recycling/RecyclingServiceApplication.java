package org.communitycarbon.recycling;

import org.communitycarbon.support.PlatformApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The recycling service: the catalogue of recycling categories with their price and credit rate per kg,
 * and residents' bookings of free door-to-door pickups with the mission's service levels.
 *
 * <p>It neither produces nor consumes events yet, so it declares no topics. The first event it writes
 * or reads gets a {@code KafkaAdmin.NewTopics} bean here, made with
 * {@link org.communitycarbon.support.messaging.Topics#declare}, as every other service has.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RecyclingServiceApplication {

    public static final String NAME = "recycling-service";

    public static void main(String[] args) {
        PlatformApplication.run(RecyclingServiceApplication.class, NAME, args);
    }
}
