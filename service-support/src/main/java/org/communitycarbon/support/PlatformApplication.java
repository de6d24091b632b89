package org.communitycarbon.support;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a platform service. Each service reads {@code <service-name>.yml} instead of
 * {@code application.yml}, so that all of them can share one class path (the local platform and the
 * end-to-end tests run every service in one JVM) without one service's settings hiding another's.
 */
public final class PlatformApplication {

    private PlatformApplication() {
    }

    public static SpringApplicationBuilder builder(Class<?> application, String serviceName) {
        return new SpringApplicationBuilder(application).properties("spring.config.name=" + serviceName);
    }

    public static ConfigurableApplicationContext run(Class<?> application, String serviceName, String... args) {
        return builder(application, serviceName).run(args);
    }
}
