package org.communitycarbon.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.support.fixture.SupportFixtureApplication;
import org.communitycarbon.support.fixture.SupportFixtureApplication.NoteWritten;
import org.communitycarbon.support.fixture.SupportFixtureApplication.NotesListener;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.support.messaging.Topics;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@SupportFixtureTest
class DeadLetterRedriveIT {

    private static final String DLT = Topics.deadLetterTopicOf(SupportFixtureApplication.NOTES_TOPIC);

    @Autowired
    NotesListener listener;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    MockMvcTester mvc;

    @Test
    void anAdminSeesWhyRecordsWereSetAsideAndReDrivesThemOnceTheCauseIsFixed() throws Exception {
        String community = "c-" + UUID.randomUUID().toString().substring(0, 8);
        NoteWritten poison = new NoteWritten(UUID.randomUUID(), 1, community, Instant.now(), "poison until cured");
        kafka.send(SupportFixtureApplication.NOTES_TOPIC, community, codec.encode(poison)).get();
        try (var dlt = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), DLT)) {
            dlt.await(r -> community.equals(r.key()), Duration.ofSeconds(30));
        }
        String admin = TestTokens.bearer(TestTokens.admin());
        assertThat(mvc.get().uri("/api/test/admin/dead-letters/{topic}", DLT).header(HttpHeaders.AUTHORIZATION, admin))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.waiting", v -> v.assertThat().asNumber().isNotEqualTo(0))
                .hasPathSatisfying("$.newest[*].reason", v -> v.assertThat().asArray().contains("a poison note cannot be applied"));

        listener.cure();
        assertThat(mvc.post().uri("/api/test/admin/dead-letters/{topic}/redrive", DLT).header(HttpHeaders.AUTHORIZATION, admin))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.redriven", v -> v.assertThat().asNumber().isNotEqualTo(0));
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.received().stream().anyMatch(n -> n.eventId().equals(poison.eventId())));

        assertThat(mvc.post().uri("/api/test/admin/dead-letters/{topic}/redrive", DLT).header(HttpHeaders.AUTHORIZATION, admin))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.redriven", v -> v.assertThat().isEqualTo(0));
        assertThat(mvc.get().uri("/api/test/admin/dead-letters/{topic}", DLT).header(HttpHeaders.AUTHORIZATION, admin))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.waiting", v -> v.assertThat().isEqualTo(0));
        assertThat(listener.received()).filteredOn(n -> n.eventId().equals(poison.eventId())).hasSize(1);
    }

    @Test
    void onlyAnAdminMayLookOrReDrive() {
        for (String token : java.util.List.of(TestTokens.propertyManager("c-1"), TestTokens.streetOffice("s-1", "c-1"),
                TestTokens.resident("c-1", "h-1"))) {
            assertThat(mvc.get().uri("/api/test/admin/dead-letters").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)))
                    .hasStatus(HttpStatus.FORBIDDEN);
            assertThat(mvc.post().uri("/api/test/admin/dead-letters/{topic}/redrive", DLT)
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))).hasStatus(HttpStatus.FORBIDDEN);
        }
        assertThat(mvc.post().uri("/api/test/admin/dead-letters/{topic}/redrive", "elsewhere-dlt")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin()))).hasStatus(HttpStatus.NOT_FOUND);
    }
}
