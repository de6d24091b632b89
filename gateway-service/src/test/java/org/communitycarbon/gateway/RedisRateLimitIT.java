package org.communitycarbon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.communitycarbon.infra.FreePorts;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import redis.embedded.RedisServer;

/**
 * Two gateways, as two replicas behind a load balancer, keeping their rate-limit counts in one real redis-server
 * (started from the binary shipped in embedded-redis): a user's requests count against one limit whichever gateway
 * they reach. If Redis goes away, requests are let through rather than refused.
 * The outage comes last, as it stops the server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisRateLimitIT {

    static final int PER_USER = 4;
    static final String REDIS_PASSWORD = "only-the-gateways-know";

    static RedisServer redis;
    /** Redis's working directory (it saves nothing), deleted after the class's tests. */
    @TempDir
    static Path redisDirectory;
    static int redisPort;
    static final RecordingBackend backend = new RecordingBackend();
    static final List<ConfigurableApplicationContext> gateways = new ArrayList<>();
    static final List<WebTestClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        redisPort = FreePorts.any();
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").setting("requirepass " + REDIS_PASSWORD)
                .setting("dir " + redisDirectory.toAbsolutePath())
                .build();
        redis.start();
        for (int replica = 0; replica < 2; replica++) {
            ConfigurableApplicationContext gateway = GatewayServiceApplication.builder().run(
                    "--server.port=0",
                    "--spring.main.banner-mode=off",
                    "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                    "--platform.security.issuer=" + TestTokens.ISSUER,
                    "--CREDITS_URL=" + backend.url(),
                    "--platform.gateway.rate-limit.store=redis",
                    "--platform.gateway.rate-limit.redis-url=redis://127.0.0.1:" + redisPort,
                    "--platform.gateway.rate-limit.redis-password=" + REDIS_PASSWORD,
                    "--platform.gateway.rate-limit.per-user=" + PER_USER,
                    "--platform.gateway.rate-limit.per-address=1000");
            gateways.add(gateway);
            clients.add(WebTestClient.bindToServer()
                    .baseUrl("http://localhost:" + gateway.getEnvironment().getProperty("local.server.port")).build());
        }
    }

    @AfterAll
    static void stop() throws IOException {
        gateways.forEach(ConfigurableApplicationContext::close);
        backend.close();
        if (redis != null && redis.isActive()) {
            redis.stop();
        }
    }

    @Test
    @Order(1)
    void countsAUsersRequestsOnceAcrossGateways() {
        String bearer = bearerFor("resident-across-replicas");
        for (int call = 0; call < PER_USER; call++) {
            get(clients.get(call % 2), bearer).expectStatus().isOk();
        }

        get(clients.get(0), bearer).expectStatus().isEqualTo(429).expectHeader().exists(HttpHeaders.RETRY_AFTER);
        get(clients.get(1), bearer).expectStatus().isEqualTo(429).expectHeader().exists(HttpHeaders.RETRY_AFTER);

        try (RedisClient client = RedisClient.create("redis://" + REDIS_PASSWORD + "@127.0.0.1:" + redisPort);
                StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().keys("community-carbon:rate-limit:*"))
                    .contains("community-carbon:rate-limit:user:resident-across-replicas", "community-carbon:rate-limit:address:127.0.0.1");
            assertThat(connection.sync().ttl("community-carbon:rate-limit:user:resident-across-replicas"))
                    .as("a bucket's key expires once the bucket would be full again").isPositive();
        }
    }

    @Test
    @Order(2)
    void letsRequestsThroughWhileRedisIsDown() throws IOException {
        redis.stop();
        String bearer = bearerFor("resident-during-outage");
        for (int call = 0; call < PER_USER + 2; call++) {
            get(clients.get(call % 2), bearer).expectStatus().isOk();
        }
    }

    private static WebTestClient.ResponseSpec get(WebTestClient client, String bearer) {
        return client.get().uri("/api/credits/me").header(HttpHeaders.AUTHORIZATION, bearer).exchange();
    }

    private static String bearerFor(String subject) {
        return TestTokens.bearer(TestTokens.sign(subject, Map.of("roles", List.of("RESIDENT"))));
    }
}
