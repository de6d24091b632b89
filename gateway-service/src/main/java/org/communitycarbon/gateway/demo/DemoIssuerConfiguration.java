package org.communitycarbon.gateway.demo;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("platform.demo-issuer.enabled")
class DemoIssuerConfiguration {

    @Bean
    DemoTokenIssuer demoTokenIssuer(DemoIssuerProperties settings) {
        return new DemoTokenIssuer(settings, Clock.systemUTC());
    }

    /** With the demo issuer on, the gateway trusts exactly its key. */
    @Bean
    ReactiveJwtDecoder demoIssuerJwtDecoder(DemoTokenIssuer issuer) {
        return issuer.decoder();
    }
}
