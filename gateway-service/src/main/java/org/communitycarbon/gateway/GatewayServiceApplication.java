package org.communitycarbon.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayServiceApplication {

    public static final String NAME = "gateway-service";

    public static void main(String[] args) {
        builder().run(args);
    }

    /** Reads {@code gateway-service.yml}, like every service reads its own file (see PlatformApplication). */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(GatewayServiceApplication.class).properties("spring.config.name=" + NAME);
    }
}
