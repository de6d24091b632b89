package org.communitycarbon.gateway.demo;

import java.time.Clock;
import java.util.List;

import org.communitycarbon.gateway.security.TokenSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("platform.demo-issuer.enabled")
class DemoIssuerConfiguration {

    /**
     * The issuer, unless a real identity provider is configured as well: the gateway and the services would then
     * trust different keys, and demo tokens — one password for every role — would pass where they must not.
     */
    @Bean
    DemoTokenIssuer demoTokenIssuer(DemoIssuerProperties settings, TokenSettings tokens, Environment environment) {
        for (String provider : List.of("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", "spring.security.oauth2.resourceserver.jwt.public-key-location")) {
            String value = environment.getProperty(provider);
            if (value != null && !value.isBlank()) {
                throw new IllegalStateException("The demo issuer (platform.demo-issuer.enabled) is on while an identity provider is "
                        + "configured (" + provider + "); switch one of them off");
            }
        }
        return new DemoTokenIssuer(settings, tokens.audience(), Clock.systemUTC());
    }

    /**
     * Each login attempt on the audit topic, when the gateway is given the platform's Kafka
     * ({@code platform.demo-issuer.audit.bootstrap-servers}, {@code KAFKA_BOOTSTRAP_SERVERS}); otherwise none is sent.
     */
    @Bean
    LoginAudit loginAudit(LoginAuditProperties settings, MeterRegistry meters) {
        return settings.configured() ? new KafkaLoginAudit(settings, meters, Clock.systemUTC()) : LoginAudit.NONE;
    }

    /** The password check of both ways to sign in, with one failed-login throttle for both. */
    @Bean
    DemoLogin demoLogin(DemoTokenIssuer issuer, DemoIssuerProperties settings, LoginAudit audit) {
        return new DemoLogin(issuer, new LoginThrottle(settings.failedLoginsPerUser(), settings.failedLoginsPerAddress(),
                settings.failedLoginWindow()), audit);
    }

    /** The authorization codes waiting to be traded for tokens; on the context's {@link Clock} if it has one. */
    @Bean
    AuthorizationCodes authorizationCodes(DemoIssuerProperties settings, ObjectProvider<Clock> clock) {
        return new AuthorizationCodes(settings.codeValidity(), settings.pendingCodes(), clock.getIfAvailable(Clock::systemUTC));
    }

    /** With the demo issuer on, the gateway trusts exactly its key. */
    @Bean
    ReactiveJwtDecoder demoIssuerJwtDecoder(DemoTokenIssuer issuer) {
        return issuer.decoder();
    }
}
