package org.communitycarbon.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.audit.ActionAudited;
import org.communitycarbon.model.audit.AuditActor;
import org.communitycarbon.model.audit.AuditKind;
import org.communitycarbon.model.audit.AuditTopics;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The audit trail of a real service: what reaches {@code platform.audit} through the outbox, and what does not. */
@SupportFixtureTest
class AuditTrailIT {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Autowired
    MockMvcTester mvc;

    @Autowired
    EventCodec codec;

    private final String community = "c-" + UUID.randomUUID().toString().substring(0, 8);
    private KafkaTestConsumer audit;

    @BeforeEach
    void readTheAuditTopic() {
        audit = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), AuditTopics.AUDIT);
    }

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void recordsAWriteWithItsActorRouteScopeAndOutcome() {
        assertThat(mvc.post().uri("/api/test/communities/{c}/notes?access_token=secret-value&tag=a", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community)))
                .header("X-Forwarded-For", "203.0.113.24").header("X-Request-Id", "req-42")
                .contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"a note\"}")).hasStatusOk();

        ActionAudited event = awaitEvent("/api/test/communities/" + community + "/notes");

        assertThat(event.kind()).isEqualTo(AuditKind.WRITE);
        assertThat(event.service()).isEqualTo("support-test");
        assertThat(event.communityId()).isEqualTo(community);
        assertThat(event.method()).isEqualTo("POST");
        assertThat(event.route()).isEqualTo("/api/test/communities/{communityId}/notes");
        assertThat(event.pathVariables()).containsEntry("communityId", community).hasSize(1);
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.actor().subject()).isEqualTo("manager-" + community);
        assertThat(event.actor().roles()).containsExactly("PROPERTY_MANAGER");
        assertThat(event.actor().communityId()).isEqualTo(community);
        assertThat(event.query()).as("a parameter named like a secret is masked").isEqualTo("access_token=***&tag=a");
        assertThat(event.forwardedFor()).isEqualTo("203.0.113.24");
        assertThat(event.requestId()).isEqualTo("req-42");
        assertThat(event.clientAddress()).isNotBlank();
        assertThat(new String(codec.encode(event))).as("no body, no token").doesNotContain("a note").doesNotContain("secret-value")
                .doesNotContain(TestTokens.propertyManager(community).substring(0, 20));
    }

    @Test
    void recordsRefusedWritesWithAndWithoutAToken() {
        assertThat(mvc.post().uri("/api/test/communities/{c}/notes", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "hh-1")))
                .contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"not mine\"}")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.put().uri("/api/test/communities/{c}/nothing-here", community)
                .contentType(MediaType.APPLICATION_JSON).content("{}")).hasStatus(HttpStatus.UNAUTHORIZED);

        ActionAudited forbidden = awaitEvent("/api/test/communities/" + community + "/notes");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.kind()).isEqualTo(AuditKind.WRITE);
        assertThat(forbidden.actor().subject()).isEqualTo("resident-hh-1");
        assertThat(forbidden.actor().householdId()).isEqualTo("hh-1");

        ActionAudited anonymous = awaitEvent("/api/test/communities/" + community + "/nothing-here");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.method()).isEqualTo("PUT");
        assertThat(anonymous.actor()).isEqualTo(AuditActor.ANONYMOUS);
        assertThat(anonymous.route()).as("refused before any route matched").isNull();
        assertThat(anonymous.communityId()).isEqualTo(ActionAudited.NO_COMMUNITY);
    }

    @Test
    void recordsAPrivilegedReadAllowedOrRefusedButNotAnOrdinaryRead() {
        String ordinary = "/api/test/communities/" + community;
        assertThat(mvc.get().uri(ordinary).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.staff(community))))
                .hasStatusOk();
        String street = TestTokens.streetOffice("s-1", community);
        assertThat(mvc.get().uri("/api/test/communities/{c}/raw-payloads", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(street))).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/test/communities/{c}/raw-payloads", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.staff(community)))).hasStatusOk();

        ActionAudited allowed = awaitEvent(e -> e.path().endsWith("/raw-payloads") && e.status() == 200);
        assertThat(allowed.kind()).isEqualTo(AuditKind.PRIVILEGED_READ);
        assertThat(allowed.actor().subject()).isEqualTo("staff-" + community);
        ActionAudited refused = awaitEvent(e -> e.path().endsWith("/raw-payloads") && e.status() == 403);
        assertThat(refused.kind()).isEqualTo(AuditKind.PRIVILEGED_READ);
        assertThat(refused.actor().streetId()).isEqualTo("s-1");
        assertThat(refused.actor().communityIds()).containsExactly(community);

        // The outbox relays in the order rows were written: the ordinary read came first, so it would be here by now.
        assertThat(events()).as("an ordinary read that succeeded").noneMatch(e -> e.path().equals(ordinary));
    }

    @Test
    void recordsAnOrdinaryReadThatWasRefused() {
        String path = "/api/test/communities/" + community + "/households/hh-2";
        assertThat(mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.resident(community, "hh-1"))))
                .hasStatus(HttpStatus.FORBIDDEN);

        ActionAudited event = awaitEvent(path);
        assertThat(event.kind()).isEqualTo(AuditKind.REFUSED_READ);
        assertThat(event.pathVariables()).containsEntry("householdId", "hh-2").containsEntry("communityId", community);
    }

    @Test
    void recordsEachOfManyConcurrentWritesOnce() throws Exception {
        int requests = 40;
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String requestId = "burst-" + community + "-" + i;
                answers.add(clients.submit(() -> mvc.post().uri("/api/test/communities/{c}/notes", community)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community)))
                        .header("X-Request-Id", requestId)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"note\"}").exchange().getResponse().getStatus()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }
        finally {
            clients.shutdown();
        }
        // written together (AuditWrites), but each request's event once, with its own request id
        List<String> seen = new ArrayList<>();
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> {
            seen.clear();
            audit.drain(Duration.ofMillis(300)).stream().map(this::decode).map(ActionAudited::requestId)
                    .filter(id -> id != null && id.startsWith("burst-" + community)).forEach(seen::add);
            assertThat(seen).hasSizeGreaterThanOrEqualTo(requests);
        });
        assertThat(seen).as("each once").containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, requests).mapToObj(i -> "burst-" + community + "-" + i).toList());
    }

    private ActionAudited awaitEvent(String path) {
        return awaitEvent(e -> e.path().equals(path));
    }

    private ActionAudited awaitEvent(java.util.function.Predicate<ActionAudited> matching) {
        ConsumerRecord<String, byte[]> record = audit.await(r -> matching.test(decode(r)), WITHIN);
        return decode(record);
    }

    private List<ActionAudited> events() {
        return audit.drain(Duration.ZERO).stream().map(this::decode).filter(e -> e.communityId().equals(community)
                || e.path().contains(community)).toList();
    }

    private ActionAudited decode(ConsumerRecord<String, byte[]> record) {
        return codec.decode(record.value(), ActionAudited.class);
    }
}
