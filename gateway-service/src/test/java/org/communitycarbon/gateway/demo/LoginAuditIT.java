package org.communitycarbon.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.gateway.GatewayServiceApplication;
import org.communitycarbon.infra.EmbeddedKafkaServer;
import org.communitycarbon.model.audit.ActionAudited;
import org.communitycarbon.model.audit.AuditKind;
import org.communitycarbon.model.audit.AuditTopics;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo issuer writes every login attempt — signed in, wrong password, throttled — to the audit topic, as the
 * ops-ticket service reads it, and never its password. Against a real Kafka broker (test-support's embedded one).
 */
@SpringBootTest(classes = GatewayServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + GatewayServiceApplication.NAME,
                "platform.demo-issuer.enabled=true", "platform.demo-issuer.password=letmein",
                "platform.demo-issuer.failed-logins-per-user=2"})
@AutoConfigureWebTestClient
// closed after the class, so that its Kafka producer stops with it rather than with the JVM
@DirtiesContext
class LoginAuditIT {

    /** Only this class needs Kafka: the broker alone, not test-support's whole set of servers. */
    static final EmbeddedKafkaServer kafka = startWithAuditTopic();

    /** Strict where the ops service is tolerant: a field it does not know would fail here. */
    static final JsonMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    @Autowired
    WebTestClient web;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("platform.demo-issuer.audit.bootstrap-servers", kafka::bootstrapServers);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void recordsASuccessAWrongPasswordAndAThrottledAttemptWithoutThePassword() {
        String run = UUID.randomUUID().toString();
        login("resident", "letmein", run + "-ok").expectStatus().isOk();
        login("merchant", "wrong-secret-1", run + "-wrong").expectStatus().isUnauthorized();
        login("merchant", "wrong-secret-2", run + "-wrong-again").expectStatus().isUnauthorized();
        login("merchant", "letmein", run + "-throttled").expectStatus().isEqualTo(429);
        login("mallory", "letmein-too", run + "-unknown").expectStatus().isUnauthorized();
        signInPage("staff", "wrong-secret-3", run + "-page").expectStatus().isUnauthorized();
        signInPage("staff", "letmein", run + "-page-ok").expectStatus().isFound();

        try (var topic = new KafkaTestConsumer(kafka.bootstrapServers(), AuditTopics.AUDIT)) {
            ConsumerRecord<String, byte[]> ok = topic.await(requestId(run + "-ok"), Duration.ofSeconds(30));
            ActionAudited success = decode(ok);
            assertThat(success.kind()).isEqualTo(AuditKind.LOGIN);
            assertThat(success.service()).isEqualTo("gateway-service");
            assertThat(success.method()).isEqualTo("POST");
            assertThat(success.route()).isEqualTo("/auth/token");
            assertThat(success.path()).isEqualTo("/auth/token");
            assertThat(success.status()).isEqualTo(200);
            assertThat(success.actor().subject()).isEqualTo("resident");
            assertThat(success.actor().roles()).containsExactly("RESIDENT");
            assertThat(success.actor().householdId()).isEqualTo("b01-0101");
            assertThat(success.communityId()).isEqualTo("maple-court");
            assertThat(ok.key()).as("keyed by community, as every audit event").isEqualTo("maple-court");
            assertThat(success.clientAddress()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");

            ActionAudited wrong = decode(topic.await(requestId(run + "-wrong"), Duration.ofSeconds(30)));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.actor().subject()).isEqualTo("merchant");
            assertThat(wrong.actor().roles()).as("nothing was granted").isEmpty();
            assertThat(wrong.communityId()).isEqualTo(ActionAudited.NO_COMMUNITY);

            ActionAudited throttled = decode(topic.await(requestId(run + "-throttled"), Duration.ofSeconds(30)));
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.actor().subject()).isEqualTo("merchant");

            ActionAudited unknown = decode(topic.await(requestId(run + "-unknown"), Duration.ofSeconds(30)));
            assertThat(unknown.status()).isEqualTo(401);
            assertThat(unknown.actor().subject()).as("the name tried, though no such user exists").isEqualTo("mallory");

            // the sign-in page of the dashboard's authorization code flow: the same audit, under its own route
            ActionAudited page = decode(topic.await(requestId(run + "-page"), Duration.ofSeconds(30)));
            assertThat(page.status()).isEqualTo(401);
            assertThat(page.route()).isEqualTo("/auth/authorize");
            assertThat(page.path()).isEqualTo("/auth/authorize");
            assertThat(page.actor().subject()).isEqualTo("staff");
            ActionAudited pageSignedIn = decode(topic.await(requestId(run + "-page-ok"), Duration.ofSeconds(30)));
            assertThat(pageSignedIn.status()).as("sent back to the dashboard with a code").isEqualTo(302);
            assertThat(pageSignedIn.actor().roles()).containsExactly("STAFF");

            List<String> ours = topic.drain(Duration.ofMillis(500)).stream().map(KafkaTestConsumer::value)
                    .filter(json -> json.contains(run)).toList();
            assertThat(ours).hasSize(7).allSatisfy(json -> assertThat(json)
                    .doesNotContain("letmein", "wrong-secret", "password", "access_token", "code_challenge", "E9Melhoa"));
        }
    }

    private WebTestClient.ResponseSpec login(String username, String password, String requestId) {
        return web.post().uri("/auth/token").header("X-Request-Id", requestId).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", username).with("password", password))
                .exchange();
    }

    private WebTestClient.ResponseSpec signInPage(String username, String password, String requestId) {
        return web.post().uri("/auth/authorize").header("X-Request-Id", requestId).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("response_type", "code").with("client_id", "community-carbon-web")
                        .with("redirect_uri", "http://localhost:" + port + "/")
                        .with("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM").with("code_challenge_method", "S256")
                        .with("username", username).with("password", password))
                .exchange();
    }

    private static java.util.function.Predicate<ConsumerRecord<String, byte[]>> requestId(String id) {
        return record -> KafkaTestConsumer.value(record).contains("\"requestId\":\"" + id + "\"");
    }

    private static ActionAudited decode(ConsumerRecord<String, byte[]> record) {
        ActionAudited event = strict.readValue(record.value(), ActionAudited.class);
        event.validate();
        return event;
    }

    private static EmbeddedKafkaServer startWithAuditTopic() {
        EmbeddedKafkaServer server = EmbeddedKafkaServer.start();
        // the services declare the topic (the gateway does not), and the broker creates none by itself
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(AuditTopics.AUDIT, 1, (short) 1))).all().get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }
}
