package org.communitycarbon.ops.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.ops.AlertRaised;
import org.communitycarbon.model.ops.AlertType;
import org.communitycarbon.model.ops.OpsTopics;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.support.messaging.Topics;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.jayway.jsonpath.JsonPath;

/** Bin statuses published to Kafka as the sensing service does, and the orders and alerts they cause. */
@OpsTicketServiceTest
class BinOverflowIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvcTester mvc;

    private final String bootstrap = EmbeddedInfrastructure.shared().kafka().bootstrapServers();
    private final String community = BinStatuses.community();
    private final String bin = BinStatuses.bin();

    @Test
    void aBinThatStaysFullOpensOneOrderAndRaisesOneAlert() throws Exception {
        Instant first = BinStatuses.now().minusSeconds(600);
        List<BinStatusReported> readings = new ArrayList<>();
        for (int minute = 0; minute < 6; minute++) {
            readings.add(BinStatuses.status(community, bin, minute == 0 ? "0.85" : "0.9", first.plusSeconds(60L * minute)));
        }
        publish(readings.toArray(BinStatusReported[]::new));
        awaitProcessed(readings.toArray(BinStatusReported[]::new));

        List<Map<String, Object>> orders = orders();
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).get("status")).isEqualTo("OPEN");
        assertThat(orders.get(0).get("title")).isEqualTo("Bin " + bin + " is 85% full");
        assertThat(orders.get(0).get("owner")).isEqualTo("property:" + community);

        List<AlertRaised> alerts = alerts(1);
        assertThat(alerts).hasSize(1);
        AlertRaised alert = alerts.get(0);
        var workOrderId = EventIds.derived(readings.get(0).eventId(), "work-order");
        assertThat(alert.workOrderId()).isEqualTo(workOrderId).isEqualTo(orders.get(0).get("id"));
        assertThat(alert.eventId()).isEqualTo(EventIds.derived(workOrderId, "alert-raised"));
        assertThat(alert.alertType()).isEqualTo(AlertType.BIN_OVERFLOW);
        assertThat(alert.sourceId()).isEqualTo(bin);
        assertThat(alert.observed()).isEqualTo(Quantity.of("0.85", Unit.RATIO));
        assertThat(alert.threshold()).isEqualTo(Quantity.of("0.8", Unit.RATIO));
        assertThat(alert.occurredAt()).isEqualTo(first);
        assertThat(alert.deadline()).isEqualTo(first.plus(Duration.ofHours(2)));
    }

    @Test
    void aStatusDeliveredThreeTimesOpensOneOrder() throws Exception {
        BinStatusReported full = BinStatuses.full(community, bin, BinStatuses.now());
        BinStatusReported later = BinStatuses.status(community, bin, "0.1", full.occurredAt().plusSeconds(60));

        publish(full, full, full, later);
        awaitProcessed(full, later);

        assertThat(orders()).hasSize(1);
        assertThat(alerts(1)).hasSize(1);
    }

    @Test
    void readingsBelowTheThresholdOpenNothing() throws Exception {
        Instant now = BinStatuses.now();
        BinStatusReported[] readings = {BinStatuses.status(community, bin, "0", now),
                BinStatuses.status(community, bin, "0.5", now.plusSeconds(60)),
                BinStatuses.status(community, bin, "0.79", now.plusSeconds(120))};

        publish(readings);
        awaitProcessed(readings);

        assertThat(orders()).isEmpty();
    }

    @Test
    void afterAResolutionANewerFullReadingOpensANewOrderButAnOlderOneDoesNot() throws Exception {
        BinStatusReported full = BinStatuses.full(community, bin, BinStatuses.now().minusSeconds(1800));
        publish(full);
        awaitProcessed(full);
        String resolution = mvc.post().uri("/api/ops/work-orders/{id}/resolve", orders().get(0).get("id"))
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.staff(community)))
                .contentType(MediaType.APPLICATION_JSON).content("{\"note\": \"Emptied and cleaned\"}")
                .exchange().getResponse().getContentAsString();
        Instant resolvedAt = Instant.parse(JsonPath.read(resolution, "$.resolvedAt"));

        BinStatusReported older = BinStatuses.full(community, bin, resolvedAt.minusSeconds(20));
        publish(older);
        awaitProcessed(older);
        assertThat(orders()).extracting(o -> o.get("status")).containsExactly("RESOLVED");

        BinStatusReported newer = BinStatuses.status(community, bin, "0.92", resolvedAt.plusSeconds(40));
        publish(newer);
        awaitProcessed(newer);
        List<Map<String, Object>> orders = orders();
        assertThat(orders).extracting(o -> o.get("status")).containsExactly("RESOLVED", "OPEN");
        assertThat(orders.get(1).get("id")).isEqualTo(EventIds.derived(newer.eventId(), "work-order"));
        assertThat(alerts(2)).extracting(AlertRaised::occurredAt).containsExactly(full.occurredAt(), newer.occurredAt());
    }

    @Test
    void deadLettersAStatusItCannotReadAndGoesOn() throws Exception {
        byte[] broken = "{\"eventId\":\"not-a-uuid\"}".getBytes(StandardCharsets.UTF_8);
        kafka.send(SensingTopics.BIN_STATUSES, "broken-" + bin, broken).get();
        BinStatusReported full = BinStatuses.full(community, bin, BinStatuses.now());
        publish(full);

        try (var dlt = new KafkaTestConsumer(bootstrap, Topics.deadLetterTopicOf(SensingTopics.BIN_STATUSES))) {
            ConsumerRecord<String, byte[]> dead = dlt.await(r -> ("broken-" + bin).equals(r.key()), PATIENCE);
            assertThat(dead.value()).isEqualTo(broken);
            assertThat(KafkaTestConsumer.header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).startsWith("eventId:");
        }
        awaitProcessed(full);
        assertThat(orders()).hasSize(1);
    }

    private void publish(BinStatusReported... statuses) throws Exception {
        for (BinStatusReported status : statuses) {
            kafka.send(SensingTopics.BIN_STATUSES, status.deviceId(), codec.encode(status)).get();
        }
    }

    /** Waits until the service has committed the transaction of each status. */
    private void awaitProcessed(BinStatusReported... statuses) {
        List<Object> ids = new ArrayList<>(Arrays.stream(statuses).map(BinStatusReported::eventId).distinct().toList());
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        ids.add(0, WorkOrders.CONSUMER);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id IN (" + placeholders + ")",
                Integer.class, ids.toArray()) == ids.size() - 1);
    }

    private List<Map<String, Object>> orders() {
        return jdbc.queryForList("SELECT * FROM work_order WHERE community_id = ? AND source_id = ? ORDER BY opened_at",
                community, bin);
    }

    /** The community's alerts once {@code expected} have arrived, plus any more that follow shortly after. */
    private List<AlertRaised> alerts(int expected) {
        try (var consumer = new KafkaTestConsumer(bootstrap, OpsTopics.ALERTS)) {
            await().atMost(PATIENCE).until(() -> ofCommunity(consumer.drain(Duration.ofMillis(200))).size() >= expected);
            return ofCommunity(consumer.drain(Duration.ofMillis(500)));
        }
    }

    private List<AlertRaised> ofCommunity(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> community.equals(r.key()))
                .map(r -> codec.decode(r.value(), AlertRaised.class)).toList();
    }
}
