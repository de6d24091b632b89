package org.communitycarbon.testing;

import java.util.ArrayList;
import java.util.List;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.infra.SchemaRoles;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Registered in {@code META-INF/spring.factories}; acts on tests annotated {@link UsesEmbeddedInfrastructure}. */
public final class EmbeddedInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        boolean annotated = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY)
                .isPresent(UsesEmbeddedInfrastructure.class);
        return annotated ? new Customizer() : null;
    }

    /** All instances are equal, so every annotated test shares cached contexts. */
    static final class Customizer implements ContextCustomizer {

        /** The service's configuration is loaded by now: its schema says which roles it gets. */
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            String schema = context.getEnvironment().getProperty("platform.database.schema");
            TestPropertyValues.of(properties(EmbeddedInfrastructure.shared(), schema)).applyTo(context);
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }

    /**
     * The properties that point a service at the embedded servers. A service with a {@code schema} runs as its runtime
     * role and migrates as its schema's owner ({@link SchemaRoles}), as it would in production; a test that must look
     * past them asks {@link TestDatabase#admin()}.
     */
    public static List<String> properties(EmbeddedInfrastructure infrastructure, @Nullable String schema) {
        List<String> properties = new ArrayList<>(List.of("spring.datasource.url=" + infrastructure.postgres().jdbcUrl()));
        if (schema != null) {
            SchemaRoles roles = infrastructure.postgres().roles(schema);
            properties.addAll(List.of(
                    "spring.datasource.username=" + roles.app().username(),
                    "spring.datasource.password=" + roles.app().password(),
                    "spring.flyway.user=" + roles.owner().username(),
                    "spring.flyway.password=" + roles.owner().password()));
        }
        properties.addAll(List.of(
                "spring.kafka.bootstrap-servers=" + infrastructure.kafka().bootstrapServers(),
                "platform.mqtt.url=" + infrastructure.mqtt().url(),
                "platform.mqtt.username=" + infrastructure.mqtt().platformUsername(),
                "platform.mqtt.password=" + infrastructure.mqtt().platformPassword(),
                "spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                "platform.security.issuer=" + TestTokens.ISSUER,
                // Quick retries after a passing failure.
                "platform.kafka.retry-initial-interval=100ms",
                "platform.kafka.retry-max-interval=1s",
                "platform.outbox.poll-interval=200ms"));
        return properties;
    }
}
