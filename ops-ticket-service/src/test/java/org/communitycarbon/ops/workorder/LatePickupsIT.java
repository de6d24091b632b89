package org.communitycarbon.ops.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.ops.AlertRaised;
import org.communitycarbon.model.ops.AlertType;
import org.communitycarbon.model.ops.OpsTopics;
import org.communitycarbon.model.recycling.PickupDeadline;
import org.communitycarbon.model.recycling.PickupDeadlineMissed;
import org.communitycarbon.model.recycling.PickupState;
import org.communitycarbon.model.recycling.RecyclingTopics;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestDatabase;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Missed pickup deadlines published as the recycling service does, the work orders they open, the pickup steps that
 * resolve them, and the breaches counted per recycler.
 */
@OpsTicketServiceTest
class LatePickupsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LatePickups latePickups;

    @Autowired
    MockMvcTester mvc;

    private final String community = BinStatuses.community();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aMissedArrivalOpensExactlyOneOrderEvenWhenRedeliveredAndTheCollectionResolvesIt() throws Exception {
        UUID pickup = UUID.randomUUID();
        PickupDeadlineMissed late = Pickups.missed(community, pickup, PickupDeadline.ARRIVAL, now.minusSeconds(120), "green-cycle",
                PickupState.ON_THE_WAY);
        // delivered twice, then another pickup's breach behind it in the same partition (keyed by community)
        PickupDeadlineMissed marker = Pickups.missed(community, UUID.randomUUID(), PickupDeadline.DISPATCH, now.minusSeconds(60), null,
                PickupState.REQUESTED);
        publish(RecyclingTopics.PICKUP_DEADLINES, late, late, marker);
        await().atMost(PATIENCE).until(() -> orders().size() == 2);
        // and once more, after it was applied
        assertThat(latePickups.recordBreaches(List.of(late))).isZero();

        List<Map<String, Object>> orders = orders().stream().filter(o -> o.get("type").equals("PICKUP_VISIT_LATE")).toList();
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0)).containsEntry("id", NewWorkOrder.idFor(late.eventId())).containsEntry("type", "PICKUP_VISIT_LATE")
                .containsEntry("source_id", pickup.toString()).containsEntry("status", "OPEN");
        assertThat(orders.get(0).get("details").toString()).contains("\"recyclerId\": \"green-cycle\"")
                .contains("\"pickupId\": \"" + pickup + "\"");
        assertThat(breaches()).isEqualTo(2);
        AlertRaised alert = alert();
        assertThat(alert.alertType()).isEqualTo(AlertType.PICKUP_VISIT_LATE);
        assertThat(alert.workOrderId()).isEqualTo(NewWorkOrder.idFor(late.eventId()));
        assertThat(alert.sourceId()).isEqualTo(pickup.toString());

        // steps that do not settle a late visit leave the order open; the collection resolves it
        publish(RecyclingTopics.PICKUPS, Pickups.step(community, pickup, 4, PickupState.ON_THE_WAY, PickupState.ACCEPTED, "green-cycle", now),
                Pickups.step(community, pickup, 5, PickupState.COLLECTED, PickupState.ON_THE_WAY, "green-cycle", now.plusSeconds(30)));
        await().atMost(PATIENCE).until(() -> order(late).get("status").equals("RESOLVED"));
        assertThat(order(late)).containsEntry("resolved_by", DeviceConnectivity.PLATFORM)
                .containsEntry("resolution_note", "Resolved by the platform: the pickup was collected");
        // the platform's resolution is a change like any other: in the order's trail
        assertThat(jdbc.queryForMap("SELECT sequence, actor, from_state, to_state, note FROM work_order_change WHERE work_order_id = ?",
                NewWorkOrder.idFor(late.eventId())))
                .containsEntry("sequence", 1).containsEntry("actor", DeviceConnectivity.PLATFORM).containsEntry("from_state", "OPEN")
                .containsEntry("to_state", "RESOLVED").containsEntry("note", "Resolved by the platform: the pickup was collected");
    }

    @Test
    void aLateDispatchNoticedAfterTheDispatchIsResolvedAtOnceAndAnAcceptanceDoesNotSettleALateVisit() {
        UUID pickup = UUID.randomUUID();
        // a dispatch made late: the recycling service writes the step and the breach together; the step arrives first
        latePickups.recordSteps(List.of(Pickups.step(community, pickup, 2, PickupState.DISPATCHED, PickupState.REQUESTED, "green-cycle", now)));
        assertThat(latePickups.recordBreaches(List.of(Pickups.missed(community, pickup, PickupDeadline.DISPATCH,
                now.minusSeconds(600), null, PickupState.REQUESTED)))).isEqualTo(1);
        assertThat(orders()).singleElement().satisfies(order -> assertThat(order)
                .containsEntry("type", "PICKUP_DISPATCH_LATE").containsEntry("status", "RESOLVED")
                .containsEntry("resolution_note", "Resolved by the platform: a recycler was dispatched"));

        PickupDeadlineMissed visit = Pickups.missed(community, pickup, PickupDeadline.ARRIVAL, now.plusSeconds(60), "green-cycle",
                PickupState.DISPATCHED);
        latePickups.recordBreaches(List.of(visit));
        latePickups.recordSteps(List.of(Pickups.step(community, pickup, 3, PickupState.ACCEPTED, PickupState.DISPATCHED, "green-cycle",
                now.plusSeconds(200))));
        assertThat(order(visit)).containsEntry("status", "OPEN");
        latePickups.recordSteps(List.of(Pickups.step(community, pickup, 4, PickupState.CANCELLED, PickupState.ACCEPTED, "green-cycle",
                now.plusSeconds(300))));
        assertThat(order(visit)).containsEntry("status", "RESOLVED")
                .containsEntry("resolution_note", "Resolved by the platform: the pickup was cancelled");
    }

    @Test
    void breachesAreCountedPerRecyclerForTheCommunitysOverseers() {
        Instant due = now.minus(2, ChronoUnit.DAYS);
        latePickups.recordBreaches(List.of(
                Pickups.missed(community, UUID.randomUUID(), PickupDeadline.ARRIVAL, due, "green-cycle", PickupState.ACCEPTED),
                Pickups.missed(community, UUID.randomUUID(), PickupDeadline.ARRIVAL, due.plusSeconds(60), "green-cycle", PickupState.ON_THE_WAY),
                Pickups.missed(community, UUID.randomUUID(), PickupDeadline.ARRIVAL, due, "blue-bins", PickupState.DISPATCHED),
                Pickups.missed(community, UUID.randomUUID(), PickupDeadline.DISPATCH, due, null, PickupState.REQUESTED),
                // long before the period asked for
                Pickups.missed(community, UUID.randomUUID(), PickupDeadline.ARRIVAL, now.minus(90, ChronoUnit.DAYS), "blue-bins",
                        PickupState.ACCEPTED)));
        // another community's breach is not counted here
        latePickups.recordBreaches(List.of(Pickups.missed(BinStatuses.community(), UUID.randomUUID(), PickupDeadline.ARRIVAL, due,
                "green-cycle", PickupState.ACCEPTED)));

        assertThat(mvc.get().uri("/api/ops/communities/{c}/recycler-breaches?from={f}&to={t}", community,
                now.minus(7, ChronoUnit.DAYS), now).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.recyclers[*].recyclerId", v -> v.assertThat().asList().containsExactly("green-cycle", "blue-bins", null))
                .hasPathSatisfying("$.recyclers[0].lateVisits", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.recyclers[0].lateDispatches", v -> v.assertThat().isEqualTo(0))
                .hasPathSatisfying("$.recyclers[1].total", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.recyclers[2].lateDispatches", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.lateVisits", v -> v.assertThat().isEqualTo(3))
                .hasPathSatisfying("$.lateDispatches", v -> v.assertThat().isEqualTo(1));
        // the default period is the last 30 days; the street office reads the same figures
        assertThat(mvc.get().uri("/api/ops/communities/{c}/recycler-breaches", community)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("s-1", community))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.lateVisits", v -> v.assertThat().isEqualTo(3));
        assertThat(mvc.get().uri("/api/ops/communities/{c}/recycler-breaches?from={f}&to={t}", community, now,
                now.minus(1, ChronoUnit.DAYS)).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager(community))))
                .hasStatus(400).bodyJson()
                .hasPathSatisfying("$['invalid-params'][0].name", v -> v.assertThat().isEqualTo("to"));
    }

    @Test
    void theServiceCannotRewriteABreach() {
        latePickups.recordBreaches(List.of(Pickups.missed(community, UUID.randomUUID(), PickupDeadline.ARRIVAL, now.minusSeconds(60),
                "green-cycle", PickupState.ACCEPTED)));
        JdbcTemplate app = new JdbcTemplate(TestDatabase.app("ops"));
        assertThatThrownBy(() -> app.update("UPDATE ops.pickup_breach SET recycler_id = 'someone-else' WHERE community_id = ?", community))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> app.update("DELETE FROM ops.pickup_breach WHERE community_id = ?", community))
                .rootCause().hasMessageContaining("permission denied");
    }

    private void publish(String topic, Object... events) throws Exception {
        for (Object event : events) {
            kafka.send(topic, community, codec.encode(event)).get();
        }
    }

    private List<Map<String, Object>> orders() {
        return jdbc.queryForList("SELECT *, details::text AS details FROM work_order WHERE community_id = ? ORDER BY opened_at", community);
    }

    private Map<String, Object> order(PickupDeadlineMissed breach) {
        return jdbc.queryForMap("SELECT * FROM work_order WHERE id = ?", NewWorkOrder.idFor(breach.eventId()));
    }

    private int breaches() {
        return jdbc.queryForObject("SELECT count(*) FROM pickup_breach WHERE community_id = ?", Integer.class, community);
    }

    private AlertRaised alert() {
        try (var consumer = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), OpsTopics.ALERTS)) {
            ConsumerRecord<String, byte[]> record = consumer.await(r -> community.equals(r.key())
                    && codec.decode(r.value(), AlertRaised.class).alertType() == AlertType.PICKUP_VISIT_LATE, PATIENCE);
            return codec.decode(record.value(), AlertRaised.class);
        }
    }
}
