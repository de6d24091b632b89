package org.communitycarbon.ops.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.jayway.jsonpath.JsonPath;

/** What the dashboard reads from ops beyond work orders: the bins' latest levels and the community's live stream. */
@OpsTicketServiceTest
class LiveDashboardIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    MockMvc mvc;

    private final String community = "c-" + UUID.randomUUID();

    @Test
    void eachBinShowsItsNewestLevelWhateverTheOrderAndRepetitionOfReadings() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        BinStatusReported older = reading("bin-a", "0.20", now.minusSeconds(120));
        BinStatusReported newer = reading("bin-a", "0.55", now.minusSeconds(60));
        BinStatusReported other = reading("bin-b", "0.90", now.minusSeconds(30));
        publish(newer, older, other, older, newer);

        await().atMost(PATIENCE).untilAsserted(() -> {
            String body = bins(TestTokens.propertyManager(community));
            List<String> devices = JsonPath.read(body, "$[*].deviceId");
            assertThat(devices).containsExactly("bin-a", "bin-b");
            assertThat(JsonPath.<Double>read(body, "$[0].fillingLevel")).isEqualTo(0.55);
            assertThat(Instant.parse(JsonPath.read(body, "$[0].observedAt"))).isEqualTo(newer.occurredAt());
            assertThat(JsonPath.<Double>read(body, "$[1].fillingLevel")).isEqualTo(0.9);
        });
    }

    @Test
    void theLiveStreamCarriesTheCommunitysReadingsAndNoOtherCommunitys() throws Exception {
        MvcResult stream = mvc.perform(get("/api/ops/communities/{communityId}/live", community)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("east-lake", community)))
                        .accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(request().asyncStarted()).andReturn();
        await().atMost(PATIENCE).until(() -> body(stream).contains("event:hello"));

        String elsewhere = "c-" + UUID.randomUUID();
        // the feed starts from the topic's end: keep publishing until it has caught up with this test's readings
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            publish(reading(elsewhere, "bin-z", "0.10", Instant.now()), reading("bin-live", "0.42", Instant.now()));
            assertThat(body(stream)).contains("event:bin-status").contains("\"deviceId\":\"bin-live\"").contains("\"fillLevel\":42.0");
        });
        assertThat(body(stream)).doesNotContain("bin-z");
    }

    @Test
    void aUserHoldsAFewStreamsAtMost() throws Exception {
        String manager = TestTokens.propertyManager(community);
        for (int stream = 0; stream < 5; stream++) {
            mvc.perform(get("/api/ops/communities/{communityId}/live", community)
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(manager))).andExpect(request().asyncStarted());
        }
        mvc.perform(get("/api/ops/communities/{communityId}/live", community)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(manager)))
                .andExpect(status().isTooManyRequests());
    }

    private String bins(String token) throws Exception {
        return new String(mvc.perform(get("/api/ops/communities/{communityId}/bins", community)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    private static String body(MvcResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8).replace("event: ", "event:")
                .replace("data: ", "data:");
    }

    private BinStatusReported reading(String bin, String level, Instant observedAt) {
        return reading(community, bin, level, observedAt);
    }

    private static BinStatusReported reading(String community, String bin, String level, Instant observedAt) {
        Instant at = observedAt.truncatedTo(ChronoUnit.MILLIS);
        return new BinStatusReported(UUID.randomUUID(), BinStatusReported.SCHEMA_VERSION, community, at, at.plusMillis(300),
                bin, "dp-1", WasteKind.PERISHABLE, Quantity.of(level, Unit.RATIO));
    }

    private void publish(BinStatusReported... statuses) throws Exception {
        for (BinStatusReported status : statuses) {
            kafka.send(SensingTopics.BIN_STATUSES, status.deviceId(), codec.encode(status)).get();
        }
    }
}
