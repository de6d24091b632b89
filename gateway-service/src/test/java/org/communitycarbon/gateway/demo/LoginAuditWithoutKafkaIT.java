package org.communitycarbon.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.communitycarbon.gateway.GatewayServiceApplication;
import org.communitycarbon.infra.FreePorts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * With Kafka unreachable, logins are answered as ever — not after the producer's wait for Kafka — and the attempt
 * that could not be recorded is counted in {@code platform.audit.unrecorded}.
 */
@SpringBootTest(classes = GatewayServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + GatewayServiceApplication.NAME,
                "platform.demo-issuer.enabled=true", "platform.demo-issuer.password=letmein",
                "platform.demo-issuer.audit.max-block=8s"})
@AutoConfigureWebTestClient
// closed after the class, so that its Kafka producer stops with it rather than with the JVM
@DirtiesContext
class LoginAuditWithoutKafkaIT {

    @Autowired
    WebTestClient web;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void noKafka(DynamicPropertyRegistry registry) {
        // nothing listens there
        registry.add("platform.demo-issuer.audit.bootstrap-servers", () -> "localhost:" + FreePorts.any());
    }

    @Test
    void answersTheLoginAtOnceAndCountsTheAttemptItCouldNotRecord() {
        long started = System.nanoTime();
        Map<?, ?> token = web.post().uri("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "admin").with("password", "letmein"))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);

        assertThat(token.containsKey("access_token")).isTrue();
        assertThat(answeredIn).as("not waiting for Kafka's metadata (8 s)").isLessThan(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(meters.counter(KafkaLoginAudit.UNRECORDED).count()).isEqualTo(1.0));
    }
}
