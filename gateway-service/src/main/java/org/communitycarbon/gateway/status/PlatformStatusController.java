package org.communitycarbon.gateway.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code GET /platform/status}: each service's readiness, asked in parallel with a short timeout. */
@RestController
class PlatformStatusController {

    private final Services services;
    private final WebClient client;

    PlatformStatusController(Services services) {
        this.services = services;
        // A plain client: its requests are not the gateway's traffic and stay out of its HTTP client metrics.
        this.client = WebClient.create();
    }

    /** Service name → base URL, from {@code platform.services}. */
    @ConfigurationProperties("platform")
    record Services(Map<String, String> services) {
    }

    @GetMapping("/platform/status")
    Mono<List<ServiceStatus>> status() {
        return Flux.fromIterable(new TreeMap<>(services.services()).entrySet())
                .flatMapSequential(service -> client.get().uri(service.getValue() + "/actuator/health/readiness")
                        .retrieve().toBodilessEntity()
                        .map(response -> new ServiceStatus(service.getKey(), "/api/" + service.getKey(), "UP"))
                        .timeout(Duration.ofSeconds(2))
                        .onErrorReturn(new ServiceStatus(service.getKey(), "/api/" + service.getKey(), "DOWN")))
                .collectList();
    }

    record ServiceStatus(String name, String path, String status) {
    }
}
