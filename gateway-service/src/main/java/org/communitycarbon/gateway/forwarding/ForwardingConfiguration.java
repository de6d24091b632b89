package org.communitycarbon.gateway.forwarding;

import org.communitycarbon.gateway.ratelimit.RateLimitFilter;
import org.communitycarbon.gateway.security.CorsSettings;
import org.communitycarbon.gateway.security.Problems;
import org.communitycarbon.gateway.security.SecurityHeaders;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.http.client.HttpClient;

/**
 * The fast lane ({@link FastLane}); on unless {@code platform.gateway.fast-lane.enabled=false} ({@code GATEWAY_FAST_LANE}).
 * It forwards on each client connection's own connections to the services ({@link ServiceLinks}) unless
 * {@code platform.gateway.fast-lane.own-connections=false} ({@code GATEWAY_FAST_LANE_OWN_CONNECTIONS}): then on the pooled
 * client, as the full way does.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "platform.gateway.fast-lane.enabled", matchIfMissing = true)
class ForwardingConfiguration {

    /** Only providers: the web server asks for its routes before most beans exist; the lane takes them once they all do. */
    @Bean
    FastLane fastLane(ObjectProvider<HttpHandler> application, ObjectProvider<GatewayProperties> gateway,
            ObjectProvider<HttpClientProperties> clientSettings, ObjectProvider<HttpClient> client,
            ObjectProvider<ReactiveJwtDecoder> decoder, ObjectProvider<RateLimitFilter> rateLimits,
            ObjectProvider<SecurityHeaders> securityHeaders, ObjectProvider<CorsSettings> cors, ObjectProvider<Problems> problems,
            ObjectProvider<MeterRegistry> meters,
            @Value("${platform.gateway.fast-lane.own-connections:true}") boolean ownConnections) {
        return new FastLane(application, gateway, clientSettings, client, decoder, rateLimits, securityHeaders, cors, problems, meters,
                ownConnections);
    }
}
