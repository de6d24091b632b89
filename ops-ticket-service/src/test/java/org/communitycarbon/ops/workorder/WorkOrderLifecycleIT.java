package org.communitycarbon.ops.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.ops.AlertType;
import org.communitycarbon.model.ops.OpsTopics;
import org.communitycarbon.model.ops.WorkOrderChanged;
import org.communitycarbon.model.ops.WorkOrderState;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The work-order lifecycle through the REST API, with its trail and its events on ops.work-orders. */
@OpsTicketServiceTest
class WorkOrderLifecycleIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    MockMvcTester mvc;

    @Autowired
    WorkOrders workOrders;

    @Autowired
    EventCodec codec;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    private final String community = BinStatuses.community();
    private final String manager = TestTokens.propertyManager(community);
    private final String staff = TestTokens.staff(community);
    private final String staffSubject = "staff-" + community;

    @Test
    void anOrderGoesFromOpenThroughAssignedInProgressAndResolvedToClosedAnnouncingEachChange() {
        UUID order = deviceOfflineOrder();

        post(manager, order, "assign", "{\"assignee\":\"" + staffSubject + "\"}").assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("ASSIGNED"))
                .hasPathSatisfying("$.assignee", v -> v.assertThat().isEqualTo(staffSubject));
        assertThat(mvc.get().uri("/api/ops/work-orders/mine").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(staff)))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$.items[*].id", v -> v.assertThat().asList().containsExactly(order.toString()));
        post(staff, order, "start", null).assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("IN_PROGRESS"));
        post(staff, order, "resolve", "{\"note\":\"Replaced the meter's modem\",\"photos\":[\"https://photos.test/1.jpg\"]}")
                .assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("RESOLVED"))
                .hasPathSatisfying("$.resolvedBy", v -> v.assertThat().isEqualTo(staffSubject))
                .hasPathSatisfying("$.resolutionPhotos", v -> v.assertThat().asList().containsExactly("https://photos.test/1.jpg"));
        assertThat(mvc.get().uri("/api/ops/work-orders/mine").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(staff)))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(0));
        post(manager, order, "close", "{\"note\":\"Checked: readings arrive again\"}").assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("CLOSED"))
                .hasPathSatisfying("$.closedBy", v -> v.assertThat().isEqualTo("manager-" + community));

        assertThat(mvc.get().uri("/api/ops/work-orders/{id}/history", order)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("s-" + community, community))))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$[*].to", v -> v.assertThat().asList()
                        .containsExactly("ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED"))
                .hasPathSatisfying("$[*].actor", v -> v.assertThat().asList()
                        .containsExactly("manager-" + community, staffSubject, staffSubject, "manager-" + community))
                .hasPathSatisfying("$[2].note", v -> v.assertThat().isEqualTo("Replaced the meter's modem"));

        List<WorkOrderChanged> changes = changes(order, 4);
        assertThat(changes).extracting(WorkOrderChanged::sequence).containsExactly(1, 2, 3, 4);
        assertThat(changes).extracting(WorkOrderChanged::toState).containsExactly(WorkOrderState.ASSIGNED,
                WorkOrderState.IN_PROGRESS, WorkOrderState.RESOLVED, WorkOrderState.CLOSED);
        assertThat(changes).extracting(WorkOrderChanged::fromState).containsExactly(WorkOrderState.OPEN,
                WorkOrderState.ASSIGNED, WorkOrderState.IN_PROGRESS, WorkOrderState.RESOLVED);
        assertThat(changes.get(2).photos()).containsExactly("https://photos.test/1.jpg");
        assertThat(changes.get(0).eventId()).isEqualTo(WorkOrderChanged.eventIdOf(order, 1));
        assertThat(changes.get(0).alertType()).isEqualTo(AlertType.DEVICE_OFFLINE);
        // the trail is append-only for the service's own database role
        assertThatThrownBy(() -> jdbc.update("DELETE FROM work_order_change WHERE work_order_id = ?", order))
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.update("UPDATE work_order_change SET note = 'rewritten' WHERE work_order_id = ?", order))
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void refusesAnImpossibleTransitionNamingTheAllowedOnes() {
        UUID order = deviceOfflineOrder();

        post(staff, order, "start", null).assertThat().hasStatus(409).bodyJson()
                .hasPathSatisfying("$.detail", v -> v.assertThat().asString()
                        .contains("is OPEN and cannot be started").contains("[assign, take, resolve]"));
        post(manager, order, "close", null).assertThat().hasStatus(409);
        // staff do not assign, a street office changes nothing, whatever the state
        post(staff, order, "assign", "{\"assignee\":\"someone\"}").assertThat().hasStatus(403);
        post(TestTokens.streetOffice("s-" + community, community), order, "take", null).assertThat().hasStatus(403);
        post(staff, order, "resolve", "{\"note\":\"x\",\"photos\":[\"" + "p".repeat(501) + "\"]}").assertThat().hasStatus(400);
        assertThat(mvc.get().uri("/api/ops/work-orders/{id}/history", order).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(manager)))
                .hasStatusOk().bodyJson().hasPathSatisfying("$", v -> v.assertThat().asList().isEmpty());
    }

    @Test
    void aBinOrderIsClosedByTheBinsLowReadingAfterTheResolutionNotByAnyone() {
        String bin = BinStatuses.bin();
        BinStatusReported full = BinStatuses.full(community, bin, BinStatuses.now().minusSeconds(600));
        workOrders.recordBinStatuses(List.of(full));
        UUID order = NewWorkOrder.idFor(full.eventId());
        post(staff, order, "take", null).assertThat().hasStatusOk();
        post(staff, order, "resolve", "{\"note\":\"Emptied\"}").assertThat().hasStatusOk();
        Instant resolvedAt = jdbc.queryForObject("SELECT resolved_at FROM work_order WHERE id = ?", OffsetDateTime.class, order)
                .toInstant();

        post(manager, order, "close", null).assertThat().hasStatus(409).bodyJson()
                .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("closes when bin " + bin));
        // low, but observed before the resolution; then still full after it: neither confirms
        workOrders.recordBinStatuses(List.of(BinStatuses.status(community, bin, "0.05", resolvedAt.minusSeconds(1)),
                BinStatuses.status(community, bin, "0.5", resolvedAt.plusSeconds(1))));
        get(order).assertThat().bodyJson().hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("RESOLVED"));

        workOrders.recordBinStatuses(List.of(BinStatuses.status(community, bin, "0.1", resolvedAt.plusSeconds(60))));
        get(order).assertThat().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("CLOSED"))
                .hasPathSatisfying("$.closedBy", v -> v.assertThat().isEqualTo("platform"))
                .hasPathSatisfying("$.closingNote", v -> v.assertThat().asString().contains("reported 10% full"));
        assertThat(changes(order, 3)).extracting(WorkOrderChanged::actor).containsExactly(staffSubject, staffSubject, "platform");
    }

    @Test
    void theManagerReopensAResolvedOrderWithAReasonUnlessAnotherOrderIsActiveForTheSource() {
        String bin = BinStatuses.bin();
        BinStatusReported full = BinStatuses.full(community, bin, BinStatuses.now().minusSeconds(600));
        workOrders.recordBinStatuses(List.of(full));
        UUID order = NewWorkOrder.idFor(full.eventId());
        post(staff, order, "take", null).assertThat().hasStatusOk();
        post(staff, order, "resolve", "{\"note\":\"Emptied\"}").assertThat().hasStatusOk();

        post(staff, order, "reopen", "{\"reason\":\"Still full\"}").assertThat().hasStatus(403);
        post(manager, order, "reopen", "{\"reason\":\"Still full on my round\"}").assertThat().hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("ASSIGNED"))
                .hasPathSatisfying("$.assignee", v -> v.assertThat().isEqualTo(staffSubject))
                .hasPathSatisfying("$.resolvedAt", v -> v.assertThat().isNull());
        assertThat(mvc.get().uri("/api/ops/work-orders/{id}/history", order).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(manager)))
                .hasStatusOk().bodyJson()
                .hasPathSatisfying("$[2].from", v -> v.assertThat().isEqualTo("RESOLVED"))
                .hasPathSatisfying("$[2].to", v -> v.assertThat().isEqualTo("ASSIGNED"))
                .hasPathSatisfying("$[2].note", v -> v.assertThat().isEqualTo("Still full on my round"));

        // resolved again, then the bin overflows anew: a second order is active, so the first cannot be reopened
        post(staff, order, "resolve", "{\"note\":\"Emptied again\"}").assertThat().hasStatusOk();
        workOrders.recordBinStatuses(List.of(BinStatuses.full(community, bin, BinStatuses.now().plusSeconds(5))));
        post(manager, order, "reopen", "{\"reason\":\"Again\"}").assertThat().hasStatus(409).bodyJson()
                .hasPathSatisfying("$.detail", v -> v.assertThat().asString().contains("is already active for " + bin));
    }

    private UUID deviceOfflineOrder() {
        Instant now = BinStatuses.now();
        UUID source = UUID.randomUUID();
        NewWorkOrder order = new NewWorkOrder(NewWorkOrder.idFor(source), community, WorkOrderType.DEVICE_OFFLINE,
                "meter-" + source, source, "Device silent", Quantity.of(new BigDecimal("45"), Unit.MINUTE),
                Quantity.of(new BigDecimal("30"), Unit.MINUTE), NewWorkOrder.propertyTeamOf(community), now, now.plusSeconds(86_400));
        new TransactionTemplate(transactions).executeWithoutResult(status -> workOrders.open(List.of(order)));
        return order.id();
    }

    private MvcTestResult post(String token, UUID order, String action, String body) {
        var request = mvc.post().uri("/api/ops/work-orders/{id}/" + action, order)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token));
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return request.exchange();
    }

    private MvcTestResult get(UUID order) {
        return mvc.get().uri("/api/ops/work-orders/{id}", order).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(manager))
                .exchange();
    }

    /** The order's changes on ops.work-orders once {@code expected} have arrived, in sequence. */
    private List<WorkOrderChanged> changes(UUID order, int expected) {
        List<WorkOrderChanged> seen = new ArrayList<>();
        try (var consumer = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), OpsTopics.WORK_ORDERS)) {
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.drain(Duration.ofMillis(200))) {
                    WorkOrderChanged change = codec.decode(record.value(), WorkOrderChanged.class);
                    if (change.workOrderId().equals(order)) {
                        seen.add(change);
                    }
                }
                return seen.size() >= expected;
            });
        }
        seen.sort(java.util.Comparator.comparingInt(WorkOrderChanged::sequence));
        return seen;
    }
}
